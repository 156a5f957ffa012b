import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import { createEsClient } from '../src/es/client.ts';
import { installIndexTemplates } from '../src/es/templates.ts';
import { silentProgress } from '../src/core/progress.ts';
import { cloudtrailIndexTemplate } from '../src/boards/cloudtrail/mapping.ts';
import { ingestCloudTrail } from '../src/boards/cloudtrail/ingest/ingest-cloudtrail.ts';
import { readLogFiles } from '../src/boards/cloudtrail/ingest/read-log-files.ts';
import { generateCloudTrailLogs, DEMO_KNOWN_CIDRS } from '../src/boards/cloudtrail/demo/generate-logs.ts';
import { cloudtrailHasData, seedCloudTrail } from '../src/boards/cloudtrail/demo/seed.ts';
import { testConfig, uniqueIndex } from './helpers.ts';

const NOW = new Date('2026-11-26T10:45:00Z');

describe('CloudTrail ingestion against the real Elasticsearch', () => {
  let client: Client;
  // Unique per run: this file's indices and template never meet anyone else's.
  const prefix = `${uniqueIndex('ct-test')}-`;
  const seedPrefix = `${uniqueIndex('ct-test-seed')}-`;
  const seedConfig = testConfig({ CLOUDTRAIL_INDEX_PREFIX: seedPrefix });
  // Under its own name, one priority above the app's template, which may match `ct-*` here too.
  const templates = [prefix, seedPrefix].map((indexPrefix) => {
    const template = cloudtrailIndexTemplate(indexPrefix);
    return {
      name: `${template.name}-${indexPrefix.slice(0, -1)}`,
      body: { ...template.body, priority: 201 },
    };
  });
  let dir: string;
  let generated: { files: number; records: number };

  async function count(indexPrefix = prefix): Promise<number> {
    const response = await client.count({ index: `${indexPrefix}*`, allow_no_indices: true });
    return response.count;
  }

  beforeAll(async () => {
    client = createEsClient(seedConfig.es);
    await installIndexTemplates(client, templates);
    dir = await mkdtemp(path.join(tmpdir(), 'lookout-ct-int-'));
    generated = await generateCloudTrailLogs({
      dir: path.join(dir, 'logs'),
      days: 1,
      scale: 0.05,
      seed: 7,
      now: NOW,
    });
  });

  afterAll(async () => {
    for (const indexPrefix of [prefix, seedPrefix]) {
      const indices = await client.indices.get({ index: `${indexPrefix}*`, allow_no_indices: true });
      const names = Object.keys(indices);
      if (names.length > 0) await client.indices.delete({ index: names.join(',') });
    }
    for (const template of templates) await client.indices.deleteIndexTemplate({ name: template.name });
    await rm(dir, { recursive: true, force: true });
    await client.close();
  });

  it('stores every record of a generated set of log files, once', async () => {
    const report = await ingestCloudTrail(client, [path.join(dir, 'logs')], {
      indexPrefix: prefix,
      progress: silentProgress,
      refresh: true,
      // Several bulk-writer rounds, as a large backfill would have.
      roundRecords: 200,
    });
    expect(generated.records).toBeGreaterThan(500);
    expect(report).toEqual({
      files: generated.files,
      records: generated.records,
      indexed: generated.records,
      alreadyPresent: 0,
      rejected: [],
    });
    expect(await count()).toBe(generated.records);
  });

  it('counts everything as already present when the same files are read again', async () => {
    const report = await ingestCloudTrail(client, [path.join(dir, 'logs')], {
      indexPrefix: prefix,
      progress: silentProgress,
      refresh: true,
    });
    expect(report).toMatchObject({ indexed: 0, alreadyPresent: generated.records, rejected: [] });
    expect(await count()).toBe(generated.records);
  });

  it('names each rejected file and record with its reason and stores the valid records', async () => {
    const broken = path.join(dir, 'broken');
    await mkdir(broken, { recursive: true });
    const aWholeFile = await readFile((await readLogFilesList(path.join(dir, 'logs')))[0] as string);
    const truncated = path.join(broken, 'a-truncated.json.gz');
    await writeFile(truncated, aWholeFile.subarray(0, Math.floor(aWholeFile.length / 2)));
    const notCloudTrail = path.join(broken, 'b-not-cloudtrail.json');
    await writeFile(notCloudTrail, JSON.stringify({ items: [{ id: 1 }] }));
    const mixed = path.join(broken, 'c-mixed.json.gz');
    const valid = (n: number) => ({
      eventVersion: '1.09',
      eventTime: '2026-11-26T09:00:0' + n + 'Z',
      eventSource: 'sts.amazonaws.com',
      eventName: 'GetCallerIdentity',
      awsRegion: 'us-east-1',
      sourceIPAddress: '10.1.2.3',
      userIdentity: { type: 'IAMUser', userName: 'alice', accountId: '111122223333' },
      eventID: `c0ffee00-0000-4000-8000-00000000000${n}`,
      recipientAccountId: '111122223333',
      readOnly: true,
    });
    const { eventID: _none, ...withoutId } = valid(9);
    // Elasticsearch refuses this one: requestParameters is mapped flattened, and must be an object.
    const refused = { ...valid(8), requestParameters: 'not an object' };
    await writeFile(mixed, gzipSync(JSON.stringify({ Records: [valid(1), withoutId, refused, valid(2)] })));

    const report = await ingestCloudTrail(client, [broken], {
      indexPrefix: prefix,
      progress: silentProgress,
      refresh: true,
    });

    expect(report).toMatchObject({ files: 3, records: 4, indexed: 2, alreadyPresent: 0 });
    expect(report.rejected).toHaveLength(4);
    expect(report.rejected).toContainEqual({
      file: truncated,
      reason: 'truncated gzip: unexpected end of file',
    });
    expect(report.rejected).toContainEqual({
      file: notCloudTrail,
      reason: 'not a CloudTrail log file: no Records array',
    });
    expect(report.rejected).toContainEqual({
      file: mixed,
      record: 1,
      reason: 'no eventID: a record needs a string eventID to be stored exactly once',
    });
    const fromElasticsearch = report.rejected.find((rejection) => rejection.eventID === refused.eventID);
    expect(fromElasticsearch).toMatchObject({ file: mixed, record: 2 });
    expect(fromElasticsearch?.reason).toContain('requestParameters');

    const stored = await client.mget({
      index: `${prefix}2026.11.26`,
      ids: [valid(1).eventID, valid(2).eventID],
    });
    expect(stored.docs.every((doc) => 'found' in doc && doc.found)).toBe(true);
    expect(await count()).toBe(generated.records + 2);
  });

  it('finds who created a volume by searching its id in lookout.resourceIds', async () => {
    const created = (await allRecords(path.join(dir, 'logs'))).find(
      (record) => record.eventName === 'CreateVolume',
    );
    expect(created).toBeDefined();
    const volumeId = (created?.responseElements as { volumeId: string }).volumeId;

    const response = await client.search<{ eventName: string; lookout: { principal: string } }>({
      index: `${prefix}*`,
      query: { term: { 'lookout.resourceIds': volumeId } },
      sort: [{ '@timestamp': 'asc' }],
    });
    const names = response.hits.hits.map((hit) => hit._source?.eventName);
    expect(names[0]).toBe('CreateVolume');
    expect(names).toContain('AttachVolume');
    expect(response.hits.hits[0]?._source?.lookout.principal).toMatch(/^role\//);

    // The flattened producer objects answer by key and by any leaf value.
    const byKey = await client.count({
      index: `${prefix}*`,
      query: { term: { 'responseElements.volumeId': volumeId } },
    });
    const byValue = await client.count({
      index: `${prefix}*`,
      query: { term: { responseElements: volumeId } },
    });
    expect(byKey.count).toBe(2); // CreateVolume and AttachVolume
    expect(byValue.count).toBe(2);
  });

  it('maps source addresses as IPs, so unknown networks can be filtered by CIDR', async () => {
    const unknown = await client.count({
      index: `${prefix}*`,
      query: {
        bool: {
          filter: [{ exists: { field: 'lookout.sourceIp' } }],
          must_not: DEMO_KNOWN_CIDRS.map((cidr) => ({ term: { 'lookout.sourceIp': cidr } })),
        },
      },
    });
    const withIp = await client.count({
      index: `${prefix}*`,
      query: { exists: { field: 'lookout.sourceIp' } },
    });
    expect(unknown.count).toBeGreaterThan(0);
    expect(unknown.count).toBeLessThan(withIp.count / 10);
  });

  it('seeds demo data through the same ingestion, and then reports having data', async () => {
    expect(await cloudtrailHasData(client, seedConfig)).toBe(false);
    const messages: string[] = [];
    const progress = { ...silentProgress, done: (summary?: string) => void messages.push(summary ?? '') };
    const report = await seedCloudTrail({
      client,
      config: seedConfig,
      options: { days: 1, scale: 0.02, seed: 3, now: NOW },
      progress,
    });
    expect(report.rejected).toBe(0);
    expect(report.indexed).toBeGreaterThan(100);
    expect(await count(seedPrefix)).toBe(report.indexed);
    expect(await cloudtrailHasData(client, seedConfig)).toBe(true);
    expect(messages.at(-1)).toMatch(/files, [\d,]+ records: [\d,]+ indexed, 0 already present, 0 rejected$/);
  });
});

async function readLogFilesList(dir: string): Promise<string[]> {
  const files: string[] = [];
  for await (const logFile of readLogFiles([dir])) files.push(logFile.file);
  return files;
}

async function allRecords(dir: string): Promise<Array<Record<string, unknown>>> {
  const records: Array<Record<string, unknown>> = [];
  for await (const logFile of readLogFiles([dir])) {
    if ('records' in logFile) records.push(...(logFile.records as Array<Record<string, unknown>>));
  }
  return records;
}
