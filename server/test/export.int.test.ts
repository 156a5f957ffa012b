import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import type { FastifyInstance } from 'fastify';
import { createEsClient } from '../src/es/client.ts';
import { installIndexTemplates } from '../src/es/templates.ts';
import { silentProgress } from '../src/core/progress.ts';
import { cloudtrailIndexTemplate } from '../src/boards/cloudtrail/mapping.ts';
import { cloudtrailBoard } from '../src/boards/cloudtrail/board.ts';
import { ingestCloudTrail } from '../src/boards/cloudtrail/ingest/ingest-cloudtrail.ts';
import type { EventsResponse } from '../src/boards/cloudtrail/schema.ts';
import { writeAsDelivered } from './cloudtrail-records.ts';
import { testApp, testConfig, uniqueIndex } from './helpers.ts';

// Over the engine's 10,000 window, with ties: three events share each second, so only the
// eventID tiebreaker keeps the order stable.
const N = 12_345;
const START_MS = Date.parse('2026-11-20T00:00:00Z');
const RANGE = 'from=2026-11-20T00:00:00.000Z&to=2026-11-21T00:00:00.000Z';

function records(): Array<Record<string, unknown>> {
  return Array.from({ length: N }, (_, n) => ({
    eventVersion: '1.10',
    userIdentity: { type: 'IAMUser', arn: 'arn:aws:iam::111111111111:user/alice', userName: 'alice' },
    eventTime: new Date(START_MS + Math.floor(n / 3) * 1_000).toISOString().replace('.000Z', 'Z'),
    eventSource: 'ec2.amazonaws.com',
    eventName: n % 2 === 0 ? 'DescribeInstances' : 'RunInstances',
    awsRegion: 'us-east-1',
    sourceIPAddress: `198.51.100.${n % 200}`,
    // A spreadsheet would run this; the export must not hand it over as a formula.
    userAgent: n === 7 ? '=HYPERLINK("http://evil.example","x")' : 'aws-cli/2.15.0, botocore',
    requestID: `req-${n}`,
    eventID: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    eventType: 'AwsApiCall',
    managementEvent: true,
    recipientAccountId: '111111111111',
    eventCategory: 'Management',
  }));
}

/** CSV lines (no field in these events holds a line break). */
const csvLines = (text: string) => text.split('\r\n').filter((line) => line !== '');

describe('exporting the whole CloudTrail event list, over the 10,000 window', () => {
  const prefix = `${uniqueIndex('lookout-export')}-`;
  let client: Client;
  let app: FastifyInstance;
  let limited: FastifyInstance;
  let dir: string;

  beforeAll(async () => {
    client = createEsClient(testConfig().es);
    const template = cloudtrailIndexTemplate(prefix);
    await installIndexTemplates(client, [
      { name: `${template.name}-${prefix}`, body: { ...template.body, priority: 400 } },
    ]);
    dir = await writeAsDelivered(await mkdtemp(path.join(tmpdir(), 'lookout-export-')), records());
    const report = await ingestCloudTrail(client, [dir], {
      indexPrefix: prefix,
      progress: silentProgress,
      refresh: true,
    });
    expect(report).toMatchObject({ indexed: N, rejected: [] });
    app = await testApp({ CLOUDTRAIL_INDEX_PREFIX: prefix }, { boards: [cloudtrailBoard] });
    limited = await testApp(
      { CLOUDTRAIL_INDEX_PREFIX: prefix, EXPORT_MAX_ROWS: '1000' },
      { boards: [cloudtrailBoard] },
    );
  });

  afterAll(async () => {
    await app?.close();
    await limited?.close();
    const indices = await client.indices.resolveIndex({ name: `${prefix}*` });
    const names = indices.indices.map((index) => index.name);
    if (names.length > 0) await client.indices.delete({ index: names });
    await client.indices.deleteIndexTemplate({ name: `*-${prefix}` });
    await client.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Every eventID the paged endpoint returns, following nextCursor to the end. */
  async function pagedEventIds(): Promise<string[]> {
    const ids: string[] = [];
    let cursor: string | null = null;
    do {
      const after = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const page = await app.inject({
        method: 'GET',
        url: `/api/cloudtrail/events?${RANGE}&size=500${after}`,
      });
      const body: EventsResponse = page.json();
      ids.push(...body.events.map((event) => event.eventID));
      cursor = body.nextCursor;
    } while (cursor);
    return ids;
  }

  it('has exactly N rows plus the header, in the order the paged endpoint returns them', async () => {
    const response = await app.inject({ method: 'GET', url: `/api/cloudtrail/events?${RANGE}&format=csv` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="cloudtrail-events-20261120T0000Z-20261121T0000Z.csv"',
    );
    expect(response.headers['x-lookout-export-total']).toBe(String(N));
    expect(response.headers['x-lookout-export-truncated']).toBe('false');
    const [header, ...rows] = csvLines(response.body);
    expect(header).toBe(
      'eventTime,eventID,eventName,eventSource,account,region,principal,sourceIp,sourceAddress,userAgent,outcome,errorCode',
    );
    expect(rows).toHaveLength(N);
    const exported = rows.map((row) => row.split(',')[1]);
    expect(new Set(exported).size).toBe(N);
    expect(exported).toEqual(await pagedEventIds());
  });

  it('neutralises a formula and quotes a comma inside a cell', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/cloudtrail/events?${RANGE}&format=csv&sourceIp=198.51.100.7`,
    });
    const rows = csvLines(response.body).slice(1);
    const formula = rows.find((row) => row.includes('00000000-0000-4000-8000-000000000007'));
    expect(formula).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(rows.find((row) => row !== formula)).toContain('"aws-cli/2.15.0, botocore"');
  });

  it('streams NDJSON with one object per event and the same filter as the list', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/cloudtrail/events?${RANGE}&format=ndjson&eventName=RunInstances`,
    });
    expect(response.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    const lines = response.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { eventName: string });
    expect(lines).toHaveLength(Math.floor(N / 2));
    expect(lines.every((line) => line.eventName === 'RunInstances')).toBe(true);
  });

  it('stops at the row limit and says so in the headers and a last line', async () => {
    const response = await limited.inject({
      method: 'GET',
      url: `/api/cloudtrail/events?${RANGE}&format=csv`,
    });
    expect(response.headers['x-lookout-export-truncated']).toBe('true');
    expect(response.headers['x-lookout-export-limit']).toBe('1000');
    const lines = csvLines(response.body);
    expect(lines).toHaveLength(1 + 1_000 + 1);
    expect(lines.at(-1)).toBe(
      `# export stopped at the row limit of 1000 rows (EXPORT_MAX_ROWS); ${N} matched`,
    );
  });

  it('exports the unknown IPs list whole, with the board and range in the file name', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/cloudtrail/unknown-ips?${RANGE}&format=csv`,
    });
    expect(response.headers['content-disposition']).toContain('cloudtrail-unknown-ips-20261120T0000Z');
    const [header, ...rows] = csvLines(response.body);
    expect(header).toBe('ip,count,firstSeen,lastSeen,principals,accounts,topCalls');
    // 200 addresses, at most 100 listed by the endpoint: the export holds exactly what it lists.
    expect(rows).toHaveLength(100);
  });

  it('refuses an unknown format naming the parameter', async () => {
    const response = await app.inject({ method: 'GET', url: `/api/cloudtrail/events?${RANGE}&format=xlsx` });
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/format/);
  });
});
