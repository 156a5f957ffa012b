import { Type } from 'typebox';
import { ConfigError, configSlice, type AlertDelivery, type Config } from '../../core/config.ts';
import { variable } from '../../core/env.ts';
import { STATE_INDEX } from '../../es/state-index.ts';

/**
 * The cluster board's configuration: the index families it watches (every board's indices plus
 * configured patterns), their retention policies and freshness thresholds, and its alert and
 * retention schedules. The slice (`ClusterSettings`) reads only the board's own variables; the
 * families' patterns come from the other boards' configuration when the board starts
 * (`clusterConfigOf`). Pure.
 */

export interface RetentionPolicy {
  /** Keep this many days (by the date in the index name, else the creation date); absent: no age limit. */
  days?: number;
  /** Delete the oldest indices until the family is under this many bytes; absent: no budget. */
  budgetBytes?: number;
}

export interface IndexFamily {
  /** Stable id used in URLs, configuration keys, alerts and audit records. */
  name: string;
  title: string;
  /** Index name, alias or pattern (comma-separated patterns allowed). */
  pattern: string;
  /** The time field of the family's documents (newest document, documents per day). */
  timeField: string;
  /** The board this family feeds: every figure links there. */
  boardPath: string;
  /** null: never deleted (images, alerts, Lookout's own state). */
  retention: RetentionPolicy | null;
  /** Retention may never be configured for it (alerts and Lookout's own state). */
  protected: boolean;
  /** A newest document older than this raises a freshness alert; absent: not watched. */
  freshnessThresholdMs?: number;
}

/** Per family name: its retention (null: never) and freshness threshold (null: off), when configured. */
export interface FamilyOverrides {
  retention: Record<string, RetentionPolicy | null>;
  freshnessMs: Record<string, number | null>;
}

/** The board's configuration slice, from its own variables only. */
export interface ClusterSettings {
  extraFamilies: IndexFamily[];
  overrides: FamilyOverrides;
  /** One record per deletion (who, what, when, bytes): the board lists it. */
  auditIndex: string;
  /** Alert episodes and the retention schedule's claims: one document per condition or slot. */
  stateIndex: string;
  /** 0: no scheduled retention run (the default); else minutes between runs. */
  retentionIntervalMs: number;
  alerts: {
    intervalMs: number;
    /** Yellow for longer than this is an alert (red alerts at once). */
    yellowForMs: number;
    /** Disk forecast to reach the high watermark within this many days is an alert. */
    forecastDays: number;
  };
}

/** The settings with every family resolved: what the board, the CLI and the jobs use. */
export type ClusterConfig = Omit<ClusterSettings, 'extraFamilies' | 'overrides' | 'alerts'> & {
  families: IndexFamily[];
  alerts: ClusterSettings['alerts'] & AlertDelivery;
};

/** Index names of the other boards, as their configuration says (read, not imported). */
export interface BoardIndices {
  cloudtrailPrefix: string;
  containerLogsPattern: string;
  ecsEventsIndex: string;
  deploymentsIndex: string;
  imagesIndex: string;
  alertsIndex: string;
}

const DAY_MS = 86_400_000;

/** The retention this team lives by, overridable per family with RETENTION_POLICIES. */
export const DEFAULT_RETENTION: Record<string, RetentionPolicy | null> = {
  'container-logs': { days: 3 },
  'ecs-events': { days: 30 },
  traces: { days: 7 },
  cloudtrail: { days: 400 },
  deployments: { days: 400 },
  images: null,
};

/** CloudTrail files arrive every ~5 minutes and fluentd flushes in seconds: longer silence is a broken pipeline. */
export const DEFAULT_FRESHNESS_MS: Record<string, number> = {
  cloudtrail: 30 * 60_000,
  'container-logs': 15 * 60_000,
};

/** The families every Lookout has, in the order the board lists them; the last two are protected. */
const BUILT_IN_FAMILIES = [
  'cloudtrail',
  'container-logs',
  'ecs-events',
  'deployments',
  'images',
  'traces',
  'alerts',
  'lookout-state',
] as const;
const PROTECTED_FAMILIES = new Set<string>(['alerts', 'lookout-state']);

function builtInFamilies(indices: BoardIndices, stateIndices: string): IndexFamily[] {
  const family = (
    name: (typeof BUILT_IN_FAMILIES)[number],
    title: string,
    pattern: string,
    timeField: string,
    boardPath: string,
  ): IndexFamily => ({
    name,
    title,
    pattern,
    timeField,
    boardPath,
    retention: DEFAULT_RETENTION[name] ?? null,
    protected: PROTECTED_FAMILIES.has(name),
  });
  return [
    family('cloudtrail', 'CloudTrail', `${indices.cloudtrailPrefix}*`, '@timestamp', '/cloudtrail'),
    family('container-logs', 'Container logs', indices.containerLogsPattern, '@timestamp', '/containers'),
    family('ecs-events', 'ECS events', indices.ecsEventsIndex, '@timestamp', '/containers'),
    family('deployments', 'Deployments', indices.deploymentsIndex, '@timestamp', '/deployments'),
    family('images', 'Images', indices.imagesIndex, 'ingestedAt', '/images'),
    family('traces', 'Traces', 'traces-*', '@timestamp', '/traces'),
    family('alerts', 'Container alerts', indices.alertsIndex, 'claimedAt', '/containers'),
    family('lookout-state', "Lookout's own state", stateIndices, 'at', '/cluster'),
  ];
}

const NAME = /^[a-z0-9][a-z0-9-]*$/;
const PATTERN = /^[a-z0-9*][a-z0-9._*-]*$/;
const FIELD = /^[A-Za-z0-9_@][A-Za-z0-9_.@-]*$/;

/** `CLUSTER_EXTRA_FAMILIES=nginx=nginx-*@timestamp,audit=audit-*@event.created` (time field optional). */
export function parseExtraFamilies(raw: string | undefined, variable: string): IndexFamily[] {
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((entry) => {
    const match = /^([^=]+)=([^@]+)(?:@(.+))?$/.exec(entry.trim());
    const [name, pattern, timeField = '@timestamp'] = match ? [match[1]!, match[2]!, match[3]] : [];
    if (!name || !NAME.test(name) || !pattern || !PATTERN.test(pattern) || !FIELD.test(timeField)) {
      throw new ConfigError(
        variable,
        `"${entry.trim()}" is not name=pattern[@timeField] such as nginx=nginx-*@timestamp`,
      );
    }
    return {
      name,
      title: name,
      pattern,
      timeField,
      boardPath: '/cluster',
      retention: null,
      protected: false,
    };
  });
}

const SIZE_UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4 };

/** `500gb`, `2tb`, `1024b`. */
export function parseBytes(raw: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(b|kb|mb|gb|tb)$/i.exec(raw.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * SIZE_UNITS[match[2]!.toLowerCase()]!);
}

/** `3d`, `500gb`, `3d+500gb` or `never`. */
function parsePolicy(raw: string): RetentionPolicy | null | undefined {
  if (raw === 'never') return null;
  const policy: RetentionPolicy = {};
  for (const part of raw.split('+')) {
    const days = /^(\d+)d$/.exec(part);
    if (days && Number(days[1]) >= 1 && policy.days === undefined) {
      policy.days = Number(days[1]);
      continue;
    }
    const bytes = parseBytes(part);
    if (bytes === undefined || bytes <= 0 || policy.budgetBytes !== undefined) return undefined;
    policy.budgetBytes = bytes;
  }
  return policy;
}

/** `name=value,…` entries, each name a known family. */
function entries(
  raw: string | undefined,
  known: string[],
  variable: string,
): Array<[string, string, string]> {
  if (raw === undefined || raw.trim() === '') return [];
  return raw.split(',').map((entry) => {
    const [name = '', value = ''] = entry.trim().split('=');
    if (!known.includes(name)) {
      throw new ConfigError(variable, `no family "${name}" (known: ${known.join(', ')})`);
    }
    return [name, value.trim(), entry.trim()];
  });
}

/** `RETENTION_POLICIES=container-logs=3d,traces=7d+500gb,cloudtrail=never` over the defaults. */
export function parseRetentionPolicies(
  raw: string | undefined,
  known: string[],
  variable: string,
): Record<string, RetentionPolicy | null> {
  const policies: Record<string, RetentionPolicy | null> = {};
  for (const [name, value, entry] of entries(raw, known, variable)) {
    if (PROTECTED_FAMILIES.has(name))
      throw new ConfigError(variable, `"${name}" is never deleted by retention`);
    const policy = parsePolicy(value.toLowerCase());
    if (policy === undefined) {
      throw new ConfigError(
        variable,
        `"${entry}": expected e.g. ${name}=3d, ${name}=500gb, ${name}=3d+500gb or ${name}=never`,
      );
    }
    policies[name] = policy;
  }
  return policies;
}

const DURATION_UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: DAY_MS };

/** `FRESHNESS_THRESHOLDS=cloudtrail=30m,container-logs=15m,deployments=1d,images=off`. */
export function parseFreshnessThresholds(
  raw: string | undefined,
  known: string[],
  variable: string,
): Record<string, number | null> {
  const thresholds: Record<string, number | null> = {};
  for (const [name, value, entry] of entries(raw, known, variable)) {
    const match = /^(\d+)([mhd])$/.exec(value);
    if (value === 'off') thresholds[name] = null;
    else if (match && Number(match[1]) > 0) thresholds[name] = Number(match[1]) * DURATION_UNITS[match[2]!]!;
    else throw new ConfigError(variable, `"${entry}": expected e.g. ${name}=30m, ${name}=2h or ${name}=off`);
  }
  return thresholds;
}

declare module '../../core/config.ts' {
  interface BoardConfigs {
    cluster: ClusterSettings;
  }
}

const variables = Type.Object({
  CLUSTER_EXTRA_FAMILIES: variable.string({
    description: 'more index families to watch: `name=pattern[@timeField],…` e.g. `nginx=nginx-*@timestamp`',
    defaultText: '—',
  }),
  RETENTION_POLICIES: variable.string({
    description:
      'retention per family over the defaults: `container-logs=3d,traces=7d+500gb,cloudtrail=never`',
    defaultText: 'container logs 3d, ECS events 30d, traces 7d, CloudTrail and deployments 400d',
  }),
  FRESHNESS_THRESHOLDS: variable.string({
    description: 'freshness alert per family: `cloudtrail=30m,deployments=1d,images=off`',
    defaultText: 'cloudtrail=30m, container-logs=15m',
  }),
  CLUSTER_AUDIT_INDEX: variable.string({
    description: 'one record per retention deletion (who, what, when, bytes)',
    default: 'lookout-cluster-audit',
  }),
  CLUSTER_STATE_INDEX: variable.string({
    description: "the cluster board's alert episodes and retention claims",
    default: 'lookout-cluster-state',
  }),
  RETENTION_INTERVAL_MINUTES: variable.integer({
    description: 'minutes between scheduled retention runs (exactly once across instances); 0: off',
    default: 0,
    minimum: 0,
    maximum: 10_080,
  }),
  CLUSTER_ALERT_INTERVAL: variable.integer({
    description: 'seconds between cluster alert rounds (with ALERT_WEBHOOK_URL)',
    default: 60,
    minimum: 1,
    maximum: 3600,
  }),
  CLUSTER_YELLOW_ALERT_MINUTES: variable.integer({
    description: 'a cluster yellow for longer than this raises an alert (red: at once)',
    default: 30,
    minimum: 0,
    maximum: 10_080,
  }),
  DISK_FORECAST_ALERT_DAYS: variable.integer({
    description: 'alert when the disk forecast reaches the high watermark within this many days',
    default: 3,
    minimum: 0,
    maximum: 365,
  }),
});

/** The slice, from the board's own variables. */
export const clusterConfig = configSlice(variables, (read): ClusterSettings => {
  const extraFamilies = parseExtraFamilies(read.string('CLUSTER_EXTRA_FAMILIES'), 'CLUSTER_EXTRA_FAMILIES');
  const known: string[] = [...BUILT_IN_FAMILIES, ...extraFamilies.map((family) => family.name)];
  const twice = known.find((name, i) => known.indexOf(name) !== i);
  if (twice) throw new ConfigError('CLUSTER_EXTRA_FAMILIES', `family "${twice}" is defined twice`);
  return {
    extraFamilies,
    overrides: {
      retention: parseRetentionPolicies(read.string('RETENTION_POLICIES'), known, 'RETENTION_POLICIES'),
      freshnessMs: parseFreshnessThresholds(
        read.string('FRESHNESS_THRESHOLDS'),
        known,
        'FRESHNESS_THRESHOLDS',
      ),
    },
    auditIndex: read.indexName('CLUSTER_AUDIT_INDEX'),
    stateIndex: read.indexName('CLUSTER_STATE_INDEX'),
    retentionIntervalMs: read.integer('RETENTION_INTERVAL_MINUTES') * 60_000,
    alerts: {
      intervalMs: read.integer('CLUSTER_ALERT_INTERVAL') * 1000,
      yellowForMs: read.integer('CLUSTER_YELLOW_ALERT_MINUTES') * 60_000,
      forecastDays: read.integer('DISK_FORECAST_ALERT_DAYS'),
    },
  };
});

/** Every family with its pattern (from the other boards' index names), retention and freshness threshold. */
export function resolveClusterConfig(
  settings: ClusterSettings,
  indices: BoardIndices,
  delivery: AlertDelivery,
): ClusterConfig {
  const { extraFamilies, overrides, alerts, ...rest } = settings;
  const families = [
    ...builtInFamilies(indices, `${settings.auditIndex},${settings.stateIndex},${STATE_INDEX}`),
    ...extraFamilies,
  ].map((family): IndexFamily => {
    const { freshnessThresholdMs: _, ...withoutThreshold } = family;
    const retention =
      family.name in overrides.retention ? overrides.retention[family.name]! : family.retention;
    const threshold =
      family.name in overrides.freshnessMs
        ? overrides.freshnessMs[family.name]
        : DEFAULT_FRESHNESS_MS[family.name];
    return {
      ...withoutThreshold,
      retention,
      ...(threshold == null ? {} : { freshnessThresholdMs: threshold }),
    };
  });
  return { ...rest, alerts: { ...alerts, ...delivery }, families };
}

/**
 * The cluster board's configuration within the app's: other boards' index names (read, not
 * imported), and the app's alert webhook (one for every board's alerts).
 */
export function clusterConfigOf(config: Config): ClusterConfig {
  return resolveClusterConfig(
    config.cluster,
    {
      cloudtrailPrefix: config.cloudtrail.indexPrefix,
      containerLogsPattern: config.containers.logsIndexPattern,
      ecsEventsIndex: config.containers.eventsIndex,
      deploymentsIndex: config.deployments.index,
      imagesIndex: config.images.index,
      alertsIndex: config.containers.alerts.index,
    },
    config.alerts,
  );
}
