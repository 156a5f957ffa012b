import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { BlockList } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLogFiles } from '../ingest/read-log-files.ts';
import { deriveFields } from '../ingest/to-document.ts';
import {
  DEMO_ACCOUNTS,
  DEMO_DENIED_USER,
  DEMO_KNOWN_CIDRS,
  DEMO_REGIONS,
  generateCloudTrailLogs,
  logFileKey,
  type GenerateLogsOptions,
} from './generate-logs.ts';

const NOW = new Date('2026-11-26T10:45:00Z');
const DAY = 86_400_000;

type Json = Record<string, unknown>;

const dirs: string[] = [];
async function generate(options: Partial<GenerateLogsOptions> = {}) {
  const dir = await mkdtemp(path.join(tmpdir(), 'lookout-generate-'));
  dirs.push(dir);
  const generated = await generateCloudTrailLogs({ dir, days: 1, scale: 0.1, seed: 1, now: NOW, ...options });
  return { dir, generated };
}
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

async function recordsUnder(dir: string): Promise<Array<{ file: string; record: Json }>> {
  const all: Array<{ file: string; record: Json }> = [];
  for await (const logFile of readLogFiles([dir])) {
    if ('reason' in logFile) throw new Error(`${logFile.file}: ${logFile.reason}`);
    for (const record of logFile.records)
      all.push({ file: path.relative(dir, logFile.file), record: record as Json });
  }
  return all;
}

describe('generateCloudTrailLogs', () => {
  it('writes byte-identical files for the same seed, and different ones for another seed', async () => {
    const first = await generate({ days: 0.25 });
    const second = await generate({ days: 0.25 });
    const other = await generate({ days: 0.25, seed: 2 });
    const names = await filesUnder(first.dir);
    expect(names.length).toBeGreaterThan(50);
    expect(await filesUnder(second.dir)).toEqual(names);
    for (const name of names) {
      const [a, b] = await Promise.all([
        readFile(path.join(first.dir, name)),
        readFile(path.join(second.dir, name)),
      ]);
      expect(a.equals(b), name).toBe(true);
    }
    expect(second.generated).toEqual(first.generated);
    expect(await filesUnder(other.dir)).not.toEqual(names);
  });

  it('lays files out as CloudTrail delivers them to S3, dated by delivery', async () => {
    const { dir, generated } = await generate();
    const names = await filesUnder(dir);
    expect(names).toHaveLength(generated.files);
    const layout =
      /^AWSLogs\/(\d{12})\/CloudTrail\/([a-z0-9-]+)\/(\d{4})\/(\d{2})\/(\d{2})\/\1_CloudTrail_\2_(\d{4})(\d{2})(\d{2})T\d{4}Z_[A-Za-z0-9]{16}\.json\.gz$/;
    for (const name of names) {
      const match = layout.exec(name.split(path.sep).join('/'));
      expect(match, name).not.toBeNull();
      const [, account, region, year, month, day, fileYear, fileMonth, fileDay] =
        match as unknown as string[];
      expect(DEMO_ACCOUNTS.map((a) => a.id)).toContain(account);
      expect(DEMO_REGIONS).toContain(region);
      expect(`${fileYear}/${fileMonth}/${fileDay}`).toBe(`${year}/${month}/${day}`);
    }
    // Every account and region delivers files.
    const streams = new Set(names.map((name) => name.split(path.sep).slice(1, 4).join('/')));
    expect(streams.size).toBe(DEMO_ACCOUNTS.length * DEMO_REGIONS.length);
  });

  it('writes the organisation-trail layout when given an organisation id', async () => {
    const { dir } = await generate({ organizationId: 'o-a1b2c3d4e5' });
    const names = await filesUnder(dir);
    expect(names.every((name) => name.startsWith(path.join('AWSLogs', 'o-a1b2c3d4e5', '')))).toBe(true);
    expect(
      logFileKey('111122223333', 'us-east-1', Date.parse('2026-11-26T10:45:00Z'), 'AbCdEf0123456789', 'o-x'),
    ).toBe(
      'AWSLogs/o-x/111122223333/CloudTrail/us-east-1/2026/11/26/111122223333_CloudTrail_us-east-1_20261126T1045Z_AbCdEf0123456789.json.gz',
    );
  });

  it('holds one account and one region per file, every event inside the window and delivered after it happened', async () => {
    const { dir, generated } = await generate();
    const all = await recordsUnder(dir);
    expect(all).toHaveLength(generated.records);
    for (const { file, record } of all) {
      const [, account, , region] = file.split(path.sep);
      expect(record.recipientAccountId).toBe(account);
      expect(record.awsRegion).toBe(region);
      const time = Date.parse(String(record.eventTime));
      expect(time).toBeGreaterThanOrEqual(NOW.getTime() - DAY);
      expect(time).toBeLessThanOrEqual(NOW.getTime());
      const stamp = /_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})Z_/.exec(file) as RegExpExecArray;
      const delivered = Date.parse(`${stamp[1]}-${stamp[2]}-${stamp[3]}T${stamp[4]}:${stamp[5]}:59Z`);
      expect(time).toBeLessThanOrEqual(delivered);
    }
    const ids = new Set(all.map(({ record }) => record.eventID));
    expect(ids.size).toBe(all.length);
  });

  it('keeps eventIDs of different account/region streams apart, whatever the scale', async () => {
    // At a million events two streams' 32-bit generators once produced the same ids; each
    // stream now stamps its own tag into the id.
    const { dir } = await generate({ days: 1, scale: 0.05 });
    const tagsByStream = new Map<string, Set<string>>();
    for (const { record } of await recordsUnder(dir)) {
      const stream = `${record.recipientAccountId}/${record.awsRegion}`;
      const tags = tagsByStream.get(stream) ?? new Set<string>();
      tags.add(String(record.eventID).slice(0, 8));
      tagsByStream.set(stream, tags);
    }
    expect(tagsByStream.size).toBeGreaterThan(3);
    const allTags = [...tagsByStream.values()].map((tags) => [...tags]);
    expect(allTags.every((tags) => tags.length === 1)).toBe(true);
    expect(new Set(allTags.flat()).size).toBe(tagsByStream.size);
  });

  it('writes about 20,000 events a day at scale 1, busier in the UTC day than at night', async () => {
    const { dir, generated } = await generate({ days: 2, scale: 0.2 });
    expect(generated.records).toBeGreaterThan(2 * 4_000 * 0.85);
    expect(generated.records).toBeLessThan(2 * 4_000 * 1.15);
    const hours = new Array<number>(24).fill(0);
    for (const { record } of await recordsUnder(dir))
      hours[new Date(String(record.eventTime)).getUTCHours()]! += 1;
    expect(hours[13]!).toBeGreaterThan(3 * hours[2]!);
  });
});

describe('what the demo logs contain', () => {
  let all: Array<{ record: Json; lookout: ReturnType<typeof deriveFields> }>;
  const known = new BlockList();
  for (const cidr of DEMO_KNOWN_CIDRS) {
    const [network, bits] = cidr.split('/') as [string, string];
    known.addSubnet(network, Number(bits), network.includes(':') ? 'ipv6' : 'ipv4');
  }
  const isKnown = (ip: string) => known.check(ip, ip.includes(':') ? 'ipv6' : 'ipv4');

  beforeAll(async () => {
    const { dir } = await generate({ days: 2, scale: 0.3 });
    all = (await recordsUnder(dir)).map(({ record }) => ({ record, lookout: deriveFields(record) }));
  });

  const where = (predicate: (entry: (typeof all)[number]) => boolean) => all.filter(predicate);

  it('has every kind of principal', () => {
    const types = new Set(all.map(({ lookout }) => lookout.principalType));
    for (const type of ['IAMUser', 'AssumedRole', 'AWSService', 'Root', 'FederatedUser'])
      expect(types).toContain(type);
    const principals = new Set(all.map(({ lookout }) => lookout.principalRole ?? lookout.principal));
    expect(principals).toContain('role/ci-deploy');
    expect(principals).toContain('service/ec2.amazonaws.com');
    expect([...principals].some((p) => p.startsWith('role/AWSReservedSSO_AdministratorAccess'))).toBe(true);
  });

  it('has AWS services and AWS Internal as source addresses that are not IPs', () => {
    const addresses = new Set(
      where(({ lookout }) => !lookout.sourceIp).map(({ lookout }) => lookout.sourceAddress),
    );
    expect(addresses).toContain('AWS Internal');
    expect(addresses).toContain('autoscaling.amazonaws.com');
    expect(addresses).toContain('ec2.amazonaws.com');
  });

  it('has successful and failed console sign-ins', () => {
    const logins = where(({ record }) => record.eventName === 'ConsoleLogin');
    expect(logins.every(({ record }) => record.eventType === 'AwsConsoleSignIn')).toBe(true);
    const failed = logins.filter(({ lookout }) => lookout.outcome === 'failure');
    expect(failed.length).toBeGreaterThanOrEqual(8);
    expect(failed.every(({ record }) => record.errorMessage === 'Failed authentication')).toBe(true);
    expect(logins.length - failed.length).toBeGreaterThan(0);
  });

  it('has an AccessDenied burst from one IAM user at an unknown address', () => {
    const burst = where(
      ({ lookout }) =>
        lookout.principal === `user/${DEMO_DENIED_USER.userName}` && lookout.outcome === 'failure',
    );
    expect(burst.length).toBeGreaterThanOrEqual(30);
    expect(new Set(burst.map(({ record }) => record.errorCode))).toEqual(
      new Set(['AccessDenied', 'AccessDeniedException', 'Client.UnauthorizedOperation']),
    );
    expect(burst.every(({ lookout }) => lookout.sourceIp === DEMO_DENIED_USER.sourceIp)).toBe(true);
    expect(isKnown(DEMO_DENIED_USER.sourceIp)).toBe(false);
  });

  it('has calls from unknown IPv4 and IPv6 addresses, and mostly known ones', () => {
    const withIp = where(({ lookout }) => lookout.sourceIp !== undefined);
    const unknown = withIp.filter(({ lookout }) => !isKnown(lookout.sourceIp as string));
    expect(unknown.some(({ lookout }) => lookout.sourceIp?.startsWith('203.0.113.'))).toBe(true);
    expect(unknown.some(({ lookout }) => lookout.sourceIp?.startsWith('2001:db8:'))).toBe(true);
    expect(withIp.some(({ lookout }) => lookout.sourceIp?.startsWith('fd00:aaaa:'))).toBe(true);
    expect(unknown.length).toBeLessThan(withIp.length * 0.05);
  });

  it('creates volumes and instances whose ids a search can find', () => {
    const volumes = where(({ record }) => record.eventName === 'CreateVolume');
    expect(volumes.length).toBeGreaterThan(0);
    for (const { record, lookout } of volumes) {
      const volumeId = (record.responseElements as { volumeId: string }).volumeId;
      expect(volumeId).toMatch(/^vol-0[0-9a-f]{16}$/);
      expect(lookout.resourceIds).toContain(volumeId);
    }
    const launches = where(({ record }) => record.eventName === 'RunInstances');
    expect(launches.length).toBeGreaterThan(0);
    const items = (
      launches[0]!.record.responseElements as { instancesSet: { items: Array<{ instanceId: string }> } }
    ).instancesSet.items;
    expect(items[0]!.instanceId).toMatch(/^i-0[0-9a-f]{16}$/);
    expect(launches[0]!.lookout.resourceIds).toContain(items[0]!.instanceId);
  });

  it('has a few S3 data events among mostly management events', () => {
    const data = where(({ record }) => record.eventCategory === 'Data');
    expect(data.length).toBeGreaterThan(0);
    expect(data.length).toBeLessThan(all.length * 0.05);
    expect(data.every(({ record }) => record.managementEvent === false)).toBe(true);
  });
});
