import type { RawIndex } from '../../es/cluster-stats.ts';
import type { IndexFamily } from './config.ts';

/** Which family an index belongs to, and the day its name carries. Pure. */

export const DAY_MS = 86_400_000;

function wildcardRegex(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

/** An index matches a family when any of the family's comma-separated patterns matches its name. */
export function matchesFamily(family: IndexFamily, index: string): boolean {
  return family.pattern.split(',').some((pattern) => wildcardRegex(pattern.trim()).test(index));
}

/**
 * The first family (in configuration order) that claims an index. Protected families come first,
 * so an alerts or state index can never be counted (and deleted) as part of a broader pattern.
 */
export function familyOf(families: IndexFamily[], index: string): IndexFamily | undefined {
  const ordered = [...families.filter((f) => f.protected), ...families.filter((f) => !f.protected)];
  return ordered.find((family) => matchesFamily(family, index));
}

/**
 * The UTC day in the index name (`logstash-2026.12.03`, `ct-2026-12-03`, `traces-20261203`), as
 * the epoch ms of its midnight; null when the name carries no valid date. The last date in the
 * name wins (`app-v2-2026.12.03`).
 */
export function dayInName(index: string): number | null {
  const matches = [...index.matchAll(/(?<!\d)(\d{4})([.\-_]?)(\d{2})\2(\d{2})(?!\d)/g)];
  const last = matches.at(-1);
  if (!last) return null;
  const [year, month, day] = [Number(last[1]), Number(last[3]), Number(last[4])];
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  const valid =
    year >= 1970 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day;
  return valid ? ms : null;
}

export function utcDay(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** An index as the board and the retention planner see it: numbers parsed, day resolved. */
export interface IndexFacts {
  index: string;
  uuid: string;
  /** Midnight UTC of the day in its name, else null. */
  nameDayMs: number | null;
  createdMs: number;
  docs: number;
  /** Primaries and replicas. */
  bytes: number;
  primaryBytes: number;
  primaryShards: number;
  replicas: number;
}

const count = (value: string | null | undefined): number => {
  const number = Number(value ?? 0);
  return Number.isFinite(number) ? number : 0;
};

export function indexFacts(raw: RawIndex): IndexFacts {
  return {
    index: raw.index,
    uuid: raw.uuid ?? raw.index,
    nameDayMs: dayInName(raw.index),
    createdMs: count(raw['creation.date']),
    docs: count(raw['docs.count']),
    bytes: count(raw['store.size']),
    primaryBytes: count(raw['pri.store.size']),
    primaryShards: count(raw.pri),
    replicas: count(raw.rep),
  };
}

/** The day an index counts for: the one in its name, else the day it was created. */
export function dayOf(facts: IndexFacts): number {
  return facts.nameDayMs ?? utcDay(facts.createdMs);
}
