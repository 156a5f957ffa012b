import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import type { FastifyInstance } from 'fastify';
import { createEsClient } from '../src/es/client.ts';
import { installIndexTemplates } from '../src/es/templates.ts';
import { silentProgress } from '../src/core/progress.ts';
import { cloudtrailIndexTemplate } from '../src/boards/cloudtrail/mapping.ts';
import { ingestCloudTrail } from '../src/boards/cloudtrail/ingest/ingest-cloudtrail.ts';
import { GOLDEN_CASES } from '../src/boards/cloudtrail/__fixtures__/cases.ts';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  KNOWN_CIDRS,
  RANGE,
  VOLUME_ID,
  handCountedRecords,
  writeAsDelivered,
} from './cloudtrail-records.ts';
import { checkLiveGolden } from './golden-harness.ts';
import { testApp, testConfig } from './helpers.ts';

// The golden cases read this fixed prefix; the file's own template keeps it apart from `ct-*`.
const PREFIX = 'ct-golden-';
const fixturesDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../src/boards/cloudtrail/__fixtures__',
);
const range = `from=${RANGE.from}&to=${RANGE.to}`;

describe('CloudTrail endpoints over hand-counted records in the real Elasticsearch', () => {
  let client: Client;
  let app: FastifyInstance;
  let dir: string;
  const records = handCountedRecords();
  const template = cloudtrailIndexTemplate(PREFIX);
  const testTemplate = { name: `${template.name}-golden`, body: { ...template.body, priority: 201 } };

  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url: `/api/cloudtrail${url}` });
    return { status: response.statusCode, body: response.json() };
  };

  beforeAll(async () => {
    client = createEsClient(testConfig().es);
    await client.indices
      .delete({ index: `${PREFIX}*`, allow_no_indices: true, expand_wildcards: 'all' })
      .catch(() => undefined);
    await installIndexTemplates(client, [testTemplate]);
    dir = await writeAsDelivered(await mkdtemp(path.join(tmpdir(), 'lookout-ct-api-')), records);
    const report = await ingestCloudTrail(client, [dir], {
      indexPrefix: PREFIX,
      progress: silentProgress,
      refresh: true,
    });
    expect(report).toMatchObject({ records: records.length, indexed: records.length, rejected: [] });
    app = await testApp({ CLOUDTRAIL_INDEX_PREFIX: PREFIX, KNOWN_CIDRS });
  });

  afterAll(async () => {
    await app?.close();
    const indices = Object.keys(await client.indices.get({ index: `${PREFIX}*`, allow_no_indices: true }));
    if (indices.length > 0) await client.indices.delete({ index: indices.join(',') });
    await client.indices.deleteIndexTemplate({ name: testTemplate.name });
    await rm(dir, { recursive: true, force: true });
    await client.close();
  });

  describe('top calls', () => {
    it('gives each 10-minute bar its own top calls and counts the rest as other', async () => {
      const { status, body } = await get(`/top-calls?${range}&size=2`);
      expect(status).toBe(200);
      expect(body.interval).toBe('10m');
      expect(body.buckets).toHaveLength(6);
      expect(body.buckets[0]).toEqual({
        start: '2026-11-20T10:00:00.000Z',
        total: 7,
        calls: [
          { eventName: 'DescribeInstances', count: 4 },
          { eventName: 'GetCallerIdentity', count: 2 },
        ],
        other: 1,
      });
      expect(body.buckets[1]).toEqual({
        start: '2026-11-20T10:10:00.000Z',
        total: 11,
        calls: [
          { eventName: 'ListBuckets', count: 4 },
          { eventName: 'DeleteBucket', count: 3 },
        ],
        other: 4,
      });
      expect(body.buckets.slice(2).every((bucket: { total: number }) => bucket.total === 0)).toBe(true);
      expect(body.overall).toEqual([
        { eventName: 'DescribeInstances', count: 4 },
        { eventName: 'ListBuckets', count: 4 },
      ]);
    });

    it('keeps every event of a range that does not start on a bar boundary', async () => {
      const from = '2026-11-20T10:05:00Z';
      const to = '2026-11-20T10:55:00Z';
      const { body } = await get(`/top-calls?from=${from}&to=${to}`);
      // 10:05-10:10: two GetCallerIdentity and the CreateVolume; alice's 10:01-10:04 calls are out.
      expect(body.buckets[0]).toMatchObject({ start: '2026-11-20T10:00:00.000Z', total: 3 });
      const barsTotal = body.buckets.reduce(
        (sum: number, bucket: { total: number }) => sum + bucket.total,
        0,
      );
      expect(barsTotal).toBe(14);
      expect((await get(`/summary?from=${from}&to=${to}`)).body.total).toBe(14);
    });

    it('counts only the chosen account', async () => {
      const { body } = await get(`/top-calls?${range}&account=${ACCOUNT_B}`);
      expect(body.buckets[0].total).toBe(0);
      expect(body.buckets[1].total).toBe(9);
    });

    it('widens the bars for a 7-day range and keeps an explicit interval', async () => {
      expect((await get('/top-calls?from=2026-11-14T00:00:00Z&to=2026-11-21T00:00:00Z')).body.interval).toBe(
        '1h',
      );
      expect((await get(`/top-calls?${range}&interval=30m`)).body.buckets).toHaveLength(2);
    });

    it('names the parameter that is wrong', async () => {
      const badFrom = await get('/top-calls?from=yesterday');
      expect(badFrom.status).toBe(400);
      expect(badFrom.body.message).toContain('from');
      const tooFine = await get('/top-calls?from=2026-10-01T00:00:00Z&to=2026-11-01T00:00:00Z&interval=1m');
      expect(tooFine.status).toBe(400);
      expect(tooFine.body.message).toContain('interval');
      const badOutcome = await get(`/top-calls?${range}&outcome=maybe`);
      expect(badOutcome.status).toBe(400);
      expect(badOutcome.body.message).toContain('outcome');
    });
  });

  describe('outcome rules', () => {
    it('counts AccessDenied calls and failed console logins as failures, nothing else', async () => {
      const { body } = await get(`/events?${range}&outcome=failure`);
      expect(body.events.map((event: { eventName: string }) => event.eventName).sort()).toEqual([
        'ConsoleLogin',
        'DeleteBucket',
        'DeleteBucket',
        'DeleteBucket',
      ]);
    });
  });

  describe('events', () => {
    it('pages newest first through all 18 events in range without repeats', async () => {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const { body } = await get(`/events?${range}&size=5${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...body.events.map((event: { eventID: string }) => event.eventID));
        cursor = body.nextCursor;
        pages += 1;
      } while (cursor && pages < 10);
      expect(seen).toHaveLength(18);
      expect(new Set(seen).size).toBe(18);
      const first = (await get(`/events?${range}&size=1`)).body;
      expect(first.total).toBe(18);
      expect(first.events[0].eventName).toBe('RunInstances');
    });

    it('finds who created a volume by its id', async () => {
      const { body } = await get(`/events?${range}&q=${VOLUME_ID}`);
      expect(body.events).toHaveLength(1);
      expect(body.events[0]).toMatchObject({
        eventName: 'CreateVolume',
        principal: 'user/alice',
        account: ACCOUNT_A,
      });
    });

    it('keeps AWS service names as a source address, not an IP', async () => {
      const { body } = await get(`/events?${range}&eventName=AssumeRole`);
      expect(body.events[0]).toMatchObject({
        sourceIp: null,
        sourceAddress: 'ec2.amazonaws.com',
        principal: 'service/ec2.amazonaws.com',
      });
    });

    it('returns the raw record exactly as delivered', async () => {
      const delivered = records.find((item) => item.eventName === 'CreateVolume')!;
      const { status, body } = await get(`/events/${delivered.eventID}`);
      expect(status).toBe(200);
      expect(body.record).toEqual(delivered);
      expect((await get('/events/00000000-0000-4000-8000-999999999999')).status).toBe(404);
    });
  });

  describe('unknown IPs', () => {
    it('lists only sources outside the known networks, IPv4 and IPv6, without AWS service callers', async () => {
      const { body } = await get(`/unknown-ips?${range}`);
      expect(body.knownNetworks).toEqual(['10.0.0.0/8', '2001:db8:aaaa::/48']);
      expect(body.ips.map((ip: { ip: string; count: number }) => [ip.ip, ip.count])).toEqual([
        ['203.0.113.9', 7],
        ['2001:db8:beef::7', 1],
      ]);
      expect(body.ips[0]).toMatchObject({
        firstSeen: '2026-11-20T10:11:00.000Z',
        lastSeen: '2026-11-20T10:15:20.000Z',
        principals: ['user/bob'],
        accounts: [ACCOUNT_B],
        topCalls: [
          { eventName: 'ListBuckets', count: 4 },
          { eventName: 'DeleteBucket', count: 3 },
        ],
      });
    });
  });

  describe('summary', () => {
    it('totals the range and reports freshness from the newest event anywhere', async () => {
      const { body } = await get(`/summary?${range}`);
      expect(body).toMatchObject({
        total: 18,
        failures: 4,
        // alice, the deploy role's ci session, bob, carol, the EC2 service.
        distinctPrincipals: 5,
        distinctIps: 5,
        accounts: [
          { account: ACCOUNT_A, count: 9, failures: 0 },
          { account: ACCOUNT_B, count: 9, failures: 4 },
        ],
        topErrors: [
          { errorCode: 'AccessDenied', count: 3, principals: [{ principal: 'user/bob', count: 3 }] },
        ],
        failedConsoleLogins: [{ principal: 'user/carol', count: 1 }],
        newestEventTime: '2026-11-20T11:00:00.000Z',
      });
    });

    it('answers an empty cluster with zeros, not an error', async () => {
      const empty = await testApp({ CLOUDTRAIL_INDEX_PREFIX: 'ct-nothing-here-' });
      const response = await empty.inject({ method: 'GET', url: `/api/cloudtrail/summary?${range}` });
      await empty.close();
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ total: 0, failures: 0, accounts: [], newestEventTime: null });
    });
  });

  describe('golden fixtures', () => {
    it.each(GOLDEN_CASES)('$name: the live response shapes into the reviewed answer', async (golden) => {
      const response = await client.search(golden.request);
      await checkLiveGolden(fixturesDir, golden, response);
    });
  });
});
