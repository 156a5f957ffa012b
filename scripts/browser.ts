// The end-to-end tests drive Debian's Chromium (never Playwright's download). `npm test` sets it
// up as `npm start` sets up what it needs: installed with apt when this machine can (root, apt-get
// present), otherwise one line that says what to install, before any browser is launched.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** What this machine offers, passed in so the decision can be tested without one. */
export interface BrowserProbe {
  /** CHROMIUM_PATH, when set. */
  configuredPath: string | undefined;
  exists: (file: string) => boolean;
  isRoot: boolean;
  hasAptGet: boolean;
}

export type BrowserPlan =
  { action: 'use'; path: string } | { action: 'install'; path: string } | { action: 'stop'; message: string };

export function planBrowser(probe: BrowserProbe): BrowserPlan {
  const path = probe.configuredPath || DEFAULT_CHROMIUM;
  if (probe.exists(path)) return { action: 'use', path };
  if (probe.configuredPath) {
    // apt would install /usr/bin/chromium, not the binary named here.
    return {
      action: 'stop',
      message: `end-to-end tests: CHROMIUM_PATH=${path} does not exist; point it at a Chromium binary or unset it to use ${DEFAULT_CHROMIUM}`,
    };
  }
  if (probe.isRoot && probe.hasAptGet) return { action: 'install', path };
  return {
    action: 'stop',
    message: `end-to-end tests need Chromium at ${DEFAULT_CHROMIUM}: install it (sudo apt-get install chromium) or set CHROMIUM_PATH`,
  };
}

export function probeMachine(env: NodeJS.ProcessEnv = process.env): BrowserProbe {
  return {
    configuredPath: env.CHROMIUM_PATH,
    exists: existsSync,
    isRoot: process.getuid?.() === 0,
    hasAptGet: spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0,
  };
}

/**
 * Chromium for the end-to-end stage: its path, installing it first when the plan says so (apt's
 * own output is the progress); or the one line to print instead of running the stage.
 */
export function ensureBrowser(probe: BrowserProbe = probeMachine()): { path: string } | { problem: string } {
  const plan = planBrowser(probe);
  if (plan.action === 'use') return { path: plan.path };
  if (plan.action === 'stop') return { problem: plan.message };
  process.stdout.write(`Chromium is missing: installing it with apt-get (Debian's chromium package) …\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'chromium']]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) {
      return {
        problem: `end-to-end tests: apt-get ${args[0]} failed; install Chromium yourself (apt-get install chromium)`,
      };
    }
  }
  return probe.exists(plan.path)
    ? { path: plan.path }
    : { problem: `end-to-end tests: apt-get installed chromium but ${plan.path} is still missing` };
}
