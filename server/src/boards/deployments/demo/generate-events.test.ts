import { describe, expect, it } from 'vitest';
import { loadRules, classifyFailure } from '../rules.ts';
import { CHRONIC_SERVICES, generateDemoNotifications, registryOutage } from './generate-events.ts';

const options = { days: 2, scale: 1, seed: 7, now: new Date('2026-11-26T12:00:00Z') };

describe('demo deploy traffic', () => {
  const all = [...generateDemoNotifications(options)];
  const deploys = all.filter((n) => n.event.kind === 'deploy');

  it('sends about 1,500 deployments a day, about a fifth to production, with releases after them', () => {
    expect(deploys.length).toBeGreaterThan(2_900);
    expect(deploys.length).toBeLessThanOrEqual(3_000);
    const production = deploys.filter((n) => n.event.environment === 'production').length;
    expect(production / deploys.length).toBeGreaterThan(0.15);
    expect(production / deploys.length).toBeLessThan(0.25);
    expect(all.some((n) => n.event.kind === 'release')).toBe(true);
  });

  it('is the same for the same seed, with unique MessageIds', () => {
    expect([...generateDemoNotifications(options)].map((n) => n.message.MessageId)).toEqual(
      all.map((n) => n.message.MessageId),
    );
    expect(new Set(all.map((n) => n.message.MessageId)).size).toBe(all.length);
  });

  it('has a registry outage where many services fail for the platform, and chronic user failures', () => {
    const outage = registryOutage(options);
    const rules = loadRules();
    const inOutage = deploys.filter((n) => {
      const t = Date.parse(n.event.finishedAt ?? '');
      return t >= outage.fromMs && t < outage.toMs && n.event.failure;
    });
    expect(new Set(inOutage.map((n) => n.event.service)).size).toBeGreaterThan(10);
    expect(inOutage.every((n) => classifyFailure(n.event, rules).cause === 'platform')).toBe(true);
    const chronic = deploys.filter((n) => CHRONIC_SERVICES.includes(n.event.service));
    const chronicFailed = chronic.filter(
      (n) => n.event.failure && classifyFailure(n.event, rules).cause === 'user',
    );
    expect(chronicFailed.length / chronic.length).toBeGreaterThan(0.2);
  });
});
