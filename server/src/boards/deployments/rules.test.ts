import { describe, expect, it } from 'vitest';
import { classifyFailure, loadRules, parseRules, RulesError } from './rules.ts';

const defaults = loadRules();
const classify = (failure: { stage?: string; code?: string; message?: string }) =>
  classifyFailure({ failure }, defaults);

describe('failure classification rules', () => {
  it('blames the user for build, test, health check and bad configuration', () => {
    expect(classify({ stage: 'build', message: 'tsc exited with 2' })).toEqual({
      cause: 'user',
      ruleId: 'user-build',
    });
    expect(classify({ stage: 'test', message: '3 specs failed' }).ruleId).toBe('user-test');
    expect(classify({ stage: 'health_check', code: 'Unhealthy' }).ruleId).toBe('user-health-check');
    expect(classify({ stage: 'config', message: 'Missing variable DATABASE_URL' }).ruleId).toBe(
      'user-bad-config',
    );
  });

  it('blames the platform for registry, provisioning, capacity, API timeouts and agent crashes', () => {
    expect(classify({ stage: 'pull_image', code: 'RegistryUnavailable' })).toEqual({
      cause: 'platform',
      ruleId: 'platform-registry',
    });
    expect(classify({ stage: 'pull_image', message: 'registry.internal answered 503' }).ruleId).toBe(
      'platform-registry-message',
    );
    expect(classify({ stage: 'provision', message: 'ASG did not scale' }).ruleId).toBe(
      'platform-provisioning',
    );
    expect(classify({ stage: 'place', message: 'Insufficient memory on cluster' }).ruleId).toBe(
      'platform-capacity',
    );
    expect(classify({ stage: 'deploy', code: 'PlatformApiTimeout' }).ruleId).toBe('platform-api-timeout');
    expect(classify({ stage: 'deploy', message: 'Agent crashed with SIGSEGV' }).ruleId).toBe(
      'platform-agent-crash',
    );
  });

  it('takes the first matching rule: a registry outage during build is the platform’s', () => {
    expect(classify({ stage: 'build', message: 'registry.internal timed out' }).ruleId).toBe(
      'platform-registry-message',
    );
  });

  it('needs every pattern of a rule to match, and says unknown when none does', () => {
    expect(classify({ stage: 'config', message: 'all good' })).toEqual({ cause: 'unknown', ruleId: null });
    expect(classify({ stage: 'mystery' })).toEqual({ cause: 'unknown', ruleId: null });
    expect(classifyFailure({}, defaults)).toEqual({ cause: 'unknown', ruleId: null });
  });

  it('rejects a bad rule with a message naming its id', () => {
    const bad = (rule: object) => () =>
      parseRules(
        { rules: [{ id: 'r1', description: 'd', cause: 'user', match: { stage: 'x' } }, rule] },
        'rules.json',
      );
    expect(bad({ id: 'broken', description: 'd', cause: 'user', match: { message: '(' } })).toThrow(
      /rules\.json: rule "broken": match\.message is not a valid regex/,
    );
    expect(bad({ id: 'who', description: 'd', cause: 'ops', match: { stage: 'x' } })).toThrow(
      /rule "who": "cause"/,
    );
    expect(bad({ id: 'r1', description: 'd', cause: 'user', match: { stage: 'x' } })).toThrow(
      /rule "r1" appears twice/,
    );
    expect(bad({ description: 'd', cause: 'user', match: {} })).toThrow(/rule #2 has no "id"/);
    expect(bad({ id: 'empty', description: 'd', cause: 'user', match: {} })).toThrow(RulesError);
  });
});
