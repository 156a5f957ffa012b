import type { IndexFamily } from './config.ts';
import { DAY_MS, dayOf, familyOf, isoDay, utcDay, type IndexFacts } from './families.ts';

/**
 * The retention plan: exactly which indices retention deletes now, and why. Pure, so the CLI, the
 * endpoint and the scheduled run all delete what the plan shows. Never planned: today's index, an
 * index dated in the future, the newest index of a family (the one being written), an index that
 * matches no family, a hidden (`.`) index, and the families that are never deleted (images,
 * alerts, Lookout's own state).
 */

export interface PlannedDeletion {
  index: string;
  uuid: string;
  family: string;
  /** The day the index counts for (YYYY-MM-DD). */
  day: string;
  dayFrom: 'name' | 'creation';
  bytes: number;
  docs: number;
  rule: 'age' | 'budget';
  reason: string;
}

export interface RetentionPlan {
  at: string;
  deletions: PlannedDeletion[];
  totalBytes: number;
}

const GB = 1024 ** 3;

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * GB) return `${(bytes / 1024 / GB).toFixed(1)} TB`;
  if (bytes >= GB) return `${(bytes / GB).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024).toFixed(1)} KB`;
}

/** Indices retention may touch at all (the rest are kept whatever the policy says). */
function deletable(indices: IndexFacts[], todayMs: number): IndexFacts[] {
  const newest = indices.reduce<IndexFacts | undefined>(
    (best, facts) => (best === undefined || facts.createdMs > best.createdMs ? facts : best),
    undefined,
  );
  return indices.filter(
    (facts) => facts !== newest && !facts.index.startsWith('.') && dayOf(facts) < todayMs,
  );
}

function deletion(
  facts: IndexFacts,
  family: IndexFamily,
  rule: PlannedDeletion['rule'],
  reason: string,
): PlannedDeletion {
  return {
    index: facts.index,
    uuid: facts.uuid,
    family: family.name,
    day: isoDay(dayOf(facts)),
    dayFrom: facts.nameDayMs === null ? 'creation' : 'name',
    bytes: facts.bytes,
    docs: facts.docs,
    rule,
    reason,
  };
}

function planFamily(family: IndexFamily, indices: IndexFacts[], todayMs: number): PlannedDeletion[] {
  const policy = family.retention;
  if (policy === null || family.protected) return [];
  const oldestFirst = deletable(indices, todayMs).sort(
    (a, b) => dayOf(a) - dayOf(b) || a.createdMs - b.createdMs || a.index.localeCompare(b.index),
  );
  const planned: PlannedDeletion[] = [];
  const kept = new Set(oldestFirst);

  if (policy.days !== undefined) {
    for (const facts of oldestFirst) {
      const ageDays = Math.round((todayMs - dayOf(facts)) / DAY_MS);
      if (ageDays < policy.days) continue;
      const dated = facts.nameDayMs === null ? 'created' : 'dated';
      planned.push(
        deletion(
          facts,
          family,
          'age',
          `${dated} ${isoDay(dayOf(facts))}, ${ageDays} days old; ${family.name} keeps ${policy.days} days`,
        ),
      );
      kept.delete(facts);
    }
  }

  if (policy.budgetBytes !== undefined) {
    let total =
      indices.reduce((sum, facts) => sum + facts.bytes, 0) - planned.reduce((sum, d) => sum + d.bytes, 0);
    for (const facts of oldestFirst) {
      if (total <= policy.budgetBytes) break;
      if (!kept.has(facts)) continue;
      planned.push(
        deletion(
          facts,
          family,
          'budget',
          `${family.name} holds ${formatBytes(total)}, over its budget of ${formatBytes(policy.budgetBytes)}; oldest first`,
        ),
      );
      total -= facts.bytes;
    }
  }
  return planned;
}

/** `indices`: every open index the engine listed for the families' patterns. */
export function planRetention(families: IndexFamily[], indices: IndexFacts[], nowMs: number): RetentionPlan {
  const todayMs = utcDay(nowMs);
  const byFamily = new Map<string, IndexFacts[]>();
  for (const facts of indices) {
    const family = familyOf(families, facts.index);
    if (!family) continue;
    byFamily.set(family.name, [...(byFamily.get(family.name) ?? []), facts]);
  }
  const deletions = families.flatMap((family) =>
    planFamily(family, byFamily.get(family.name) ?? [], todayMs),
  );
  return {
    at: new Date(nowMs).toISOString(),
    deletions,
    totalBytes: deletions.reduce((sum, d) => sum + d.bytes, 0),
  };
}
