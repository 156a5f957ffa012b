/**
 * Writes demo CloudTrail log files exactly as CloudTrail delivers them to S3 (gzipped
 * `{"Records":[...]}`, one account and region per file, S3 key layout), so the demo goes through
 * the same reader and ingestion as real logs. Deterministic: the same options write the same bytes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { hash32, Random } from '../../../core/random.ts';
import {
  DAY,
  DEMO_ACCOUNTS,
  DEMO_DENIED_USER,
  DEMO_EVENTS_PER_DAY,
  DEMO_REGIONS,
  HOUR,
  MINUTE,
  type AccountKind,
  type Json,
} from './demo-world.ts';
import {
  accessDeniedBurst,
  consoleBruteForce,
  isoSeconds,
  SCENARIOS,
  type Ctx,
  type Episode,
} from './scenarios.ts';

export {
  DEMO_ACCOUNTS,
  DEMO_DENIED_USER,
  DEMO_EVENTS_PER_DAY,
  DEMO_KNOWN_CIDRS,
  DEMO_REGIONS,
} from './demo-world.ts';

export interface GenerateLogsOptions {
  /** Directory to write `AWSLogs/…` into (created when missing). */
  dir: string;
  days: number;
  scale: number;
  seed: number;
  now: Date;
  /** Write the organisation-trail layout `AWSLogs/<org-id>/<account>/CloudTrail/…`. */
  organizationId?: string;
  /** Called after each file with the totals so far. */
  onFile?: (files: number, records: number) => void;
}

export interface GeneratedLogs {
  files: number;
  records: number;
}

// Share of all events per account and region.
const STREAM_WEIGHTS: Record<AccountKind, Record<(typeof DEMO_REGIONS)[number], number>> = {
  prod: { 'us-east-1': 0.28, 'eu-west-1': 0.22, 'eu-central-1': 0.1, 'ap-southeast-2': 0.06 },
  staging: { 'us-east-1': 0.08, 'eu-west-1': 0.1, 'eu-central-1': 0.03, 'ap-southeast-2': 0.01 },
  security: { 'us-east-1': 0.06, 'eu-west-1': 0.04, 'eu-central-1': 0.01, 'ap-southeast-2': 0.01 },
};

// Busier in the (European) working day, UTC, never silent at night; normalised to a mean of 1.
const rawDiurnal = (hour: number): number => 0.25 + 1.75 * Math.exp(-((hour - 13) ** 2) / (2 * 3.2 ** 2));
const DIURNAL_MEAN =
  Array.from({ length: 1440 }, (_, minute) => rawDiurnal(minute / 60)).reduce((a, b) => a + b) / 1440;
export function diurnalFactor(time: number): number {
  return rawDiurnal((time % DAY) / HOUR) / DIURNAL_MEAN;
}

// ---------------------------------------------------------------------------------------------
// Files

const gzipAsync = promisify(gzip);
const WRITE_CONCURRENCY = 8;

function fileStamp(time: number): string {
  const iso = new Date(time).toISOString(); // 2026-11-26T10:45:12.000Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}T${iso.slice(11, 13)}${iso.slice(14, 16)}Z`;
}

/** `AWSLogs/[<org-id>/]<account>/CloudTrail/<region>/YYYY/MM/DD/<account>_CloudTrail_<region>_<stamp>_<random>.json.gz`. */
export function logFileKey(
  account: string,
  region: string,
  delivered: number,
  unique: string,
  organizationId?: string,
): string {
  const iso = new Date(delivered).toISOString();
  const folder = [
    'AWSLogs',
    ...(organizationId ? [organizationId] : []),
    account,
    'CloudTrail',
    region,
    iso.slice(0, 4),
    iso.slice(5, 7),
    iso.slice(8, 10),
  ].join('/');
  return `${folder}/${account}_CloudTrail_${region}_${fileStamp(delivered)}_${unique}.json.gz`;
}

/**
 * Writes `days` days of CloudTrail log files ending at `now` for every demo account and region:
 * one file per account and region per 5–15 minutes (none when that window had no event), about
 * `DEMO_EVENTS_PER_DAY × scale` events a day, busier in the UTC working day.
 */
export async function generateCloudTrailLogs(options: GenerateLogsOptions): Promise<GeneratedLogs> {
  const { dir, days, scale, seed } = options;
  const end = options.now.getTime();
  const start = end - days * DAY;
  const totals: GeneratedLogs = { files: 0, records: 0 };
  const createdFolders = new Set<string>();
  const pending = new Set<Promise<void>>();

  const episodes = new Map<string, Episode[]>();
  const burstStart = end - Math.min(26 * HOUR, (days * DAY) / 2);
  episodes.set(`${DEMO_DENIED_USER.account}/us-east-1`, accessDeniedBurst(burstStart, scale));
  episodes.set(
    `${DEMO_ACCOUNTS[0].id}/us-east-1`,
    consoleBruteForce(end - Math.min(50 * HOUR, (days * DAY) / 3)),
  );

  for (const account of DEMO_ACCOUNTS) {
    for (const region of DEMO_REGIONS) {
      const random = new Random(hash32(`${account.id}/${region}`, seed));
      const perMinute = ((DEMO_EVENTS_PER_DAY * STREAM_WEIGHTS[account.name][region]) / 1440) * scale;
      const scenarios = SCENARIOS.filter((scenario) => region === 'us-east-1' || !scenario.usEast1Only)
        .map((scenario) => [scenario.build, scenario.weight[account.name]] as const)
        .filter(([, weight]) => weight > 0);
      const streamEpisodes = episodes.get(`${account.id}/${region}`) ?? [];

      for (let chunkStart = start; chunkStart < end;) {
        const chunkEnd = Math.min(end, chunkStart + random.int(5, 15) * MINUTE);
        const expected =
          perMinute *
          ((chunkEnd - chunkStart) / MINUTE) *
          diurnalFactor((chunkStart + chunkEnd) / 2) *
          (0.85 + 0.3 * random.float());
        const count = Math.floor(expected) + (random.chance(expected % 1) ? 1 : 0);
        const events: Json[] = [];
        const ctxAt = (time: number): Ctx => ({
          random,
          time,
          account: account.id,
          kind: account.name,
          region,
        });
        for (let n = 0; n < count; n++) {
          const time = chunkStart + Math.floor(random.float() * (chunkEnd - chunkStart));
          events.push(...random.weighted(scenarios)(ctxAt(time)));
        }
        for (const episode of streamEpisodes) {
          if (episode.time >= chunkStart && episode.time < chunkEnd)
            events.push(...episode.build(ctxAt(episode.time)));
        }
        if (events.length > 0) {
          // Follow-up calls (AttachVolume after CreateVolume) never land after the delivery.
          const latest = isoSeconds(chunkEnd - 1000);
          for (const event of events) if (String(event.eventTime) > latest) event.eventTime = latest;
          events.sort((a, b) =>
            String(a.eventTime) < String(b.eventTime)
              ? -1
              : String(a.eventTime) > String(b.eventTime)
                ? 1
                : 0,
          );
          const key = logFileKey(account.id, region, chunkEnd, random.alnum(16), options.organizationId);
          const file = path.join(dir, key);
          const folder = path.dirname(file);
          if (!createdFolders.has(folder)) {
            await mkdir(folder, { recursive: true });
            createdFolders.add(folder);
          }
          // A few files compress and write at once: zlib and fs run on the thread pool.
          const write = gzipAsync(JSON.stringify({ Records: events })).then((bytes) =>
            writeFile(file, bytes),
          );
          pending.add(write);
          void write.finally(() => pending.delete(write)).catch(() => {});
          if (pending.size >= WRITE_CONCURRENCY) await Promise.race(pending);
          totals.files += 1;
          totals.records += events.length;
          options.onFile?.(totals.files, totals.records);
        }
        chunkStart = chunkEnd;
      }
    }
  }
  await Promise.all(pending);
  return totals;
}
