import { describe, expect, it } from 'vitest';
import { planBrowser, type BrowserProbe } from './browser.ts';

const machine = (overrides: Partial<BrowserProbe> & { files?: string[] }): BrowserProbe => {
  const files = new Set(overrides.files ?? []);
  return {
    configuredPath: undefined,
    exists: (file) => files.has(file),
    isRoot: false,
    hasAptGet: false,
    ...overrides,
  };
};

describe('setting up Chromium for the end-to-end tests', () => {
  it('uses Debian Chromium when it is there', () => {
    expect(planBrowser(machine({ files: ['/usr/bin/chromium'] }))).toEqual({
      action: 'use',
      path: '/usr/bin/chromium',
    });
  });

  it('uses the binary CHROMIUM_PATH names', () => {
    expect(
      planBrowser(machine({ configuredPath: '/opt/chrome/chrome', files: ['/opt/chrome/chrome'] })),
    ).toEqual({ action: 'use', path: '/opt/chrome/chrome' });
  });

  it('installs it with apt when missing and this is root with apt-get', () => {
    expect(planBrowser(machine({ isRoot: true, hasAptGet: true }))).toEqual({
      action: 'install',
      path: '/usr/bin/chromium',
    });
  });

  it('stops with one line saying what to install when not root', () => {
    const plan = planBrowser(machine({ isRoot: false, hasAptGet: true }));
    expect(plan).toEqual({
      action: 'stop',
      message:
        'end-to-end tests need Chromium at /usr/bin/chromium: install it (sudo apt-get install chromium) or set CHROMIUM_PATH',
    });
  });

  it('stops the same way on a machine without apt-get, even as root', () => {
    expect(planBrowser(machine({ isRoot: true, hasAptGet: false })).action).toBe('stop');
  });

  it('never installs over a CHROMIUM_PATH that does not exist: apt would not put it there', () => {
    const plan = planBrowser(machine({ configuredPath: '/opt/none/chrome', isRoot: true, hasAptGet: true }));
    expect(plan.action).toBe('stop');
    expect(plan.action === 'stop' && plan.message).toContain('CHROMIUM_PATH=/opt/none/chrome does not exist');
  });
});
