import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { clusterConfigOf } from '../boards/cluster/config.ts';

const families = (env: Record<string, string> = {}) => clusterConfigOf(loadConfig(env)).families;
const byName = (env: Record<string, string> = {}) =>
  new Map(families(env).map((family) => [family.name, family]));

describe('cluster board configuration', () => {
  it('watches every board’s indices with the documented retention defaults', () => {
    const all = byName({ CLOUDTRAIL_INDEX_PREFIX: 'trail-', CONTAINER_LOGS_INDEX: 'fluentd-*' });
    expect(all.get('cloudtrail')).toMatchObject({
      pattern: 'trail-*',
      retention: { days: 400 },
      boardPath: '/cloudtrail',
    });
    expect(all.get('container-logs')).toMatchObject({ pattern: 'fluentd-*', retention: { days: 3 } });
    expect(all.get('ecs-events')?.retention).toEqual({ days: 30 });
    expect(all.get('traces')).toMatchObject({ pattern: 'traces-*', retention: { days: 7 } });
    expect(all.get('deployments')?.retention).toEqual({ days: 400 });
    expect(all.get('images')?.retention).toBeNull();
    expect(all.get('alerts')).toMatchObject({ pattern: 'lookout-alerts', protected: true, retention: null });
    expect(all.get('lookout-state')).toMatchObject({
      pattern: 'lookout-cluster-audit,lookout-cluster-state,lookout-state',
      protected: true,
    });
    expect(loadConfig({}).cluster.retentionIntervalMs).toBe(0);
  });

  it('adds configured families and overrides policies and freshness thresholds', () => {
    const all = byName({
      CLUSTER_EXTRA_FAMILIES: 'nginx=nginx-*@event.created',
      RETENTION_POLICIES: 'nginx=14d+2tb,container-logs=never,images=100gb',
      FRESHNESS_THRESHOLDS: 'cloudtrail=off,nginx=2h',
    });
    expect(all.get('nginx')).toMatchObject({
      pattern: 'nginx-*',
      timeField: 'event.created',
      retention: { days: 14, budgetBytes: 2 * 1024 ** 4 },
      freshnessThresholdMs: 7_200_000,
    });
    expect(all.get('container-logs')?.retention).toBeNull();
    expect(all.get('images')?.retention).toEqual({ budgetBytes: 100 * 1024 ** 3 });
    expect(all.get('cloudtrail')?.freshnessThresholdMs).toBeUndefined();
  });

  it('refuses what it cannot honour, naming the variable', () => {
    expect(() => families({ RETENTION_POLICIES: 'alerts=3d' })).toThrow(
      'RETENTION_POLICIES: "alerts" is never deleted by retention',
    );
    expect(() => families({ RETENTION_POLICIES: 'nope=3d' })).toThrow(/RETENTION_POLICIES: no family "nope"/);
    expect(() => families({ RETENTION_POLICIES: 'traces=3 days' })).toThrow(
      /RETENTION_POLICIES: "traces=3 days"/,
    );
    expect(() => families({ CLUSTER_EXTRA_FAMILIES: 'Bad=x' })).toThrow(/CLUSTER_EXTRA_FAMILIES/);
    expect(() => families({ CLUSTER_EXTRA_FAMILIES: 'traces=t-*' })).toThrow(
      'family "traces" is defined twice',
    );
    expect(() => families({ FRESHNESS_THRESHOLDS: 'cloudtrail=soon' })).toThrow(/FRESHNESS_THRESHOLDS/);
  });
});
