import { Type, type Static } from 'typebox';
import { IsoTime } from '../../core/schema-pieces.ts';

/** Schemas of the cluster board: health, index families, disk forecast, retention plan and audit. */

const Bytes = (description: string) => Type.Number({ minimum: 0, description });
const NullableNumber = (description: string) => Type.Union([Type.Number(), Type.Null()], { description });
const NullableTime = (description: string) => Type.Union([IsoTime, Type.Null()], { description });
const Link = Type.String({ description: 'Path of the board this figure feeds (relative to the app)' });

const WatermarkName = Type.Union([Type.Literal('low'), Type.Literal('high'), Type.Literal('flood_stage')]);

export const Watermark = Type.Object({
  name: WatermarkName,
  setting: Type.String({
    description: 'As the cluster settings say: a used percentage or free space (85%, 500gb)',
  }),
});

export const NodeRow = Type.Object({
  name: Type.String(),
  heapPercent: NullableNumber('JVM heap used, %'),
  cpuPercent: NullableNumber('OS CPU, %'),
  shards: NullableNumber('Shards on the node'),
  disk: Type.Object({
    totalBytes: Bytes('Disk size'),
    usedBytes: Bytes('Disk used (all data, not only indices)'),
    availableBytes: Bytes('Disk available to the engine'),
    usedPercent: Type.Number(),
    /** Used bytes at which the node crosses each watermark. */
    watermarkBytes: Type.Object({ low: Type.Number(), high: Type.Number(), flood_stage: Type.Number() }),
    past: Type.Union([WatermarkName, Type.Null()], { description: 'The highest watermark the node is past' }),
  }),
});
export type NodeRow = Static<typeof NodeRow>;

export const UnassignedShard = Type.Object({
  index: Type.String(),
  shard: Type.Integer(),
  primary: Type.Boolean(),
  reason: Type.Union([Type.String(), Type.Null()], { description: 'unassigned.reason, e.g. INDEX_CREATED' }),
  explanation: Type.String({ description: "The engine's allocation explain" }),
});

export const HealthResponse = Type.Object({
  clusterName: Type.String(),
  status: Type.Union([Type.Literal('green'), Type.Literal('yellow'), Type.Literal('red')]),
  activeShards: Type.Integer(),
  relocatingShards: Type.Integer(),
  initializingShards: Type.Integer(),
  unassignedShards: Type.Integer(),
  watermarks: Type.Array(Watermark),
  nodes: Type.Array(NodeRow),
  unassigned: Type.Array(UnassignedShard, { description: 'The first 10 unassigned shards, explained' }),
});
export type HealthResponse = Static<typeof HealthResponse>;

export const RetentionPolicy = Type.Union(
  [
    Type.Object({
      days: Type.Optional(Type.Integer({ description: 'Keep this many days' })),
      budgetBytes: Type.Optional(
        Type.Number({ description: 'Keep the family under this size, oldest deleted first' }),
      ),
    }),
    Type.Null(),
  ],
  { description: 'null: never deleted' },
);

export const DayVolume = Type.Object({
  day: Type.String({ description: 'YYYY-MM-DD (UTC)' }),
  docs: Type.Integer(),
  bytes: Type.Number({ description: 'Size of the indices dated that day, or docs × average document size' }),
});

export const FamilyRow = Type.Object({
  name: Type.String(),
  title: Type.String(),
  pattern: Type.String(),
  link: Link,
  indexCount: Type.Integer(),
  docs: Type.Integer(),
  totalBytes: Bytes('Store size with replicas'),
  primaryBytes: Bytes('Store size of primaries'),
  primaryShards: Type.Integer(),
  averageShardBytes: NullableNumber('Primary store size / primary shards'),
  shardSize: Type.Union([Type.Literal('small'), Type.Literal('ok'), Type.Literal('large'), Type.Null()], {
    description: 'Against the 10–50 GB shard guidance; null without shards',
  }),
  daily: Type.Boolean({ description: 'Indices carry their day in the name (bytes per day are exact)' }),
  days: Type.Array(DayVolume, { description: 'The last 14 days, oldest first, today last' }),
  newest: NullableTime('Newest document (not in the future)'),
  lagMs: NullableNumber('Now − newest document'),
  freshnessThresholdMs: NullableNumber('A lag above this is an alert'),
  stale: Type.Boolean(),
  docsLastHour: Type.Integer({ description: 'Ingest rate: documents timed in the last hour' }),
  retention: RetentionPolicy,
  protected: Type.Boolean({ description: 'Never deleted (alerts, Lookout state)' }),
});
export type FamilyRow = Static<typeof FamilyRow>;

export const FamiliesResponse = Type.Object({ now: IsoTime, families: Type.Array(FamilyRow) });
export type FamiliesResponse = Static<typeof FamiliesResponse>;

export const ForecastResponse = Type.Object({
  totalBytes: Bytes('Disk of all data nodes'),
  usedBytes: Bytes('Used disk of all data nodes'),
  dailyGrowthBytes: Bytes('Sum of the families’ average daily volume over the last 7 full days'),
  families: Type.Array(
    Type.Object({
      name: Type.String(),
      link: Link,
      currentBytes: Type.Number(),
      dailyBytes: Type.Number(),
      steadyBytes: NullableNumber('The size retention holds the family at; null: unbounded'),
      retention: RetentionPolicy,
    }),
  ),
  watermarks: Type.Array(
    Type.Object({
      name: WatermarkName,
      setting: Type.String(),
      thresholdBytes: Type.Number({ description: 'Used bytes at which the cluster crosses it' }),
      daysUntil: NullableNumber('0: already past; null: not within a year'),
    }),
  ),
  advice: Type.Array(
    Type.Object({
      family: Type.String(),
      maxDaysBelowHigh: NullableNumber(
        'The most days this family may keep and stay below the high watermark',
      ),
    }),
  ),
});
export type ForecastResponse = Static<typeof ForecastResponse>;

export const PlannedDeletion = Type.Object({
  index: Type.String(),
  uuid: Type.String(),
  family: Type.String(),
  day: Type.String({ description: 'The day the index counts for (YYYY-MM-DD)' }),
  dayFrom: Type.Union([Type.Literal('name'), Type.Literal('creation')]),
  bytes: Type.Number(),
  docs: Type.Number(),
  rule: Type.Union([Type.Literal('age'), Type.Literal('budget')]),
  reason: Type.String(),
});

export const RetentionResponse = Type.Object({
  at: IsoTime,
  deletions: Type.Array(PlannedDeletion),
  totalBytes: Type.Number(),
  schedule: Type.Object({
    intervalMinutes: Type.Integer({ description: '0: no scheduled run (RETENTION_INTERVAL_MINUTES)' }),
  }),
});
export type RetentionResponse = Static<typeof RetentionResponse>;

export const AuditRecord = Type.Object({
  index: Type.String(),
  family: Type.String(),
  day: Type.String(),
  bytes: Type.Number(),
  docs: Type.Number(),
  rule: Type.String(),
  reason: Type.String(),
  by: Type.String({ description: 'Who deleted: cli:<user>@<host> or schedule:<instance>' }),
  at: IsoTime,
  status: Type.Union([Type.Literal('deleting'), Type.Literal('deleted'), Type.Literal('failed')]),
  error: Type.Union([Type.String(), Type.Null()]),
});
export type AuditRecord = Static<typeof AuditRecord>;

export const AuditQuery = Type.Object({
  size: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100, description: 'Newest first' })),
});

export const AuditResponse = Type.Object({ records: Type.Array(AuditRecord) });
export type AuditResponse = Static<typeof AuditResponse>;
