import type { ClusterConfig } from '../config.ts';
import type { FamilyRow, ForecastResponse, HealthResponse } from '../schema.ts';

/**
 * Which alert conditions hold right now, from what the board itself shows. Pure: the watcher
 * turns these into episodes (one message when a condition starts, one when it clears).
 */

export interface ActiveCondition {
  /** Stable across rounds: the episode's identity (`feed-stale:cloudtrail`). */
  key: string;
  title: string;
  detail: string;
  /** App-relative deep link, absolute in time. */
  link: string;
  /** Must hold this long before it alerts (yellow); 0: at once. */
  forMs: number;
}

function minutes(ms: number): string {
  const total = Math.round(ms / 60_000);
  return total >= 120 ? `${Math.round(total / 60)} h` : `${total} min`;
}

function isoMinute(ms: number): string {
  return new Date(Math.floor(ms / 60_000) * 60_000).toISOString();
}

export function activeConditions(
  inputs: { health: HealthResponse; families: FamilyRow[]; forecast: ForecastResponse },
  config: ClusterConfig['alerts'],
  nowMs: number,
): ActiveCondition[] {
  const { health, families, forecast } = inputs;
  const conditions: ActiveCondition[] = [];
  if (health.status === 'red') {
    conditions.push({
      key: 'cluster-red',
      title: `Cluster ${health.clusterName} is red`,
      detail: `${health.unassignedShards} unassigned shards; at least one primary is not allocated`,
      link: '/cluster',
      forMs: 0,
    });
  }
  if (health.status === 'yellow') {
    conditions.push({
      key: 'cluster-yellow',
      title: `Cluster ${health.clusterName} is yellow`,
      detail: `yellow for more than ${minutes(config.yellowForMs)}: ${health.unassignedShards} unassigned replica shards`,
      link: '/cluster',
      forMs: config.yellowForMs,
    });
  }
  for (const node of health.nodes) {
    if (node.disk.past === null) continue;
    conditions.push({
      key: `disk-watermark:${node.name}`,
      title: `Disk of ${node.name} past the ${node.disk.past.replace('_', '-')} watermark`,
      detail: `${node.disk.usedPercent}% used`,
      link: '/cluster',
      forMs: 0,
    });
  }
  const high = forecast.watermarks.find((watermark) => watermark.name === 'high');
  if (
    high?.daysUntil !== null &&
    high?.daysUntil !== undefined &&
    high.daysUntil > 0 &&
    high.daysUntil <= config.forecastDays
  ) {
    conditions.push({
      key: 'disk-forecast-high',
      title: `Disk forecast: high watermark in ${high.daysUntil} days`,
      detail: `at the last 7 days' volume and the retention in force (threshold ${high.setting})`,
      link: '/cluster',
      forMs: 0,
    });
  }
  for (const family of families) {
    if (!family.stale || family.freshnessThresholdMs === null) continue;
    const newestMs = family.newest === null ? null : Date.parse(family.newest);
    const from = (newestMs ?? nowMs - 86_400_000) - 3_600_000;
    conditions.push({
      key: `feed-stale:${family.name}`,
      title:
        newestMs === null
          ? `No ${family.title} documents at all`
          : `No ${family.title} documents for ${minutes(nowMs - newestMs)}`,
      detail: `threshold ${minutes(family.freshnessThresholdMs)}; newest ${family.newest ?? 'none'} in ${family.pattern}`,
      link: `${family.link}?from=${isoMinute(from)}&to=${isoMinute(nowMs + 60_000)}`,
      forMs: 0,
    });
  }
  return conditions;
}
