import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import { ingestCommand } from '../src/cli/ingest-command.ts';
import { createEsClient } from '../src/es/client.ts';
import { handCountedRecords } from './cloudtrail-records.ts';
import { taskEvents } from './containers-fixtures.ts';
import { testConfig, uniqueIndex } from './helpers.ts';

/**
 * Issue #15 item 4: producer files as people save them. Each file ingests exactly its events
 * through the real `lookout ingest` commands, whatever the layout: one pretty-printed document,
 * a JSON array, NDJSON, gzipped or not.
 */
describe('lookout ingest reads files as people save them', () => {
  const ecsIndex = uniqueIndex('test-cli-ecs');
  const prefix = `${uniqueIndex('test-cli-ct')}-`;
  let dir: string;
  let client: Client;
  const saved = {
    ECS_EVENTS_INDEX: process.env.ECS_EVENTS_INDEX,
    CLOUDTRAIL_INDEX_PREFIX: process.env.CLOUDTRAIL_INDEX_PREFIX,
  };
  const file = async (name: string, content: string | Buffer) => {
    const target = path.join(dir, name);
    await writeFile(target, content);
    return target;
  };
  const count = async (index: string) => {
    // TODO(#15): the commands refresh what they wrote; until then the test refreshes.
    await client.indices.refresh({ index, allow_no_indices: true, ignore_unavailable: true });
    return (await client.count({ index, allow_no_indices: true, ignore_unavailable: true })).count;
  };
  const ecsEvents = (name: string) =>
    taskEvents({
      name,
      service: 'checkout',
      createdAtMs: Date.parse('2026-11-20T10:00:00Z'),
      startedAtMs: Date.parse('2026-11-20T10:00:30Z'),
      stoppedAtMs: Date.parse('2026-11-20T10:01:00Z'),
      containers: [{ name: 'app', image: 'app:1', exitCode: 1 }],
    });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lookout-cli-files-'));
    client = createEsClient(testConfig().es);
    process.env.ECS_EVENTS_INDEX = ecsIndex;
    process.env.CLOUDTRAIL_INDEX_PREFIX = prefix;
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    const written = await client.indices.get({ index: `${prefix}*`, allow_no_indices: true });
    await client.indices.delete({ index: [ecsIndex, ...Object.keys(written)], ignore_unavailable: true });
    await client.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores one ECS event pretty-printed as the AWS console shows it', async () => {
    const [event] = ecsEvents('pretty');
    expect(
      await ingestCommand(['ecs-events', await file('event.json', JSON.stringify(event, null, 2))]),
    ).toBe(0);
    expect(await count(ecsIndex)).toBe(1);
  });

  it('stores NDJSON and a gzipped pretty-printed array, exactly their events', async () => {
    const ndjson = ecsEvents('ndjson')
      .map((event) => JSON.stringify(event))
      .join('\n');
    const array = gzipSync(JSON.stringify(ecsEvents('array'), null, 4));
    expect(
      await ingestCommand([
        'ecs-events',
        await file('events.ndjson', ndjson),
        await file('events.json.gz', array),
      ]),
    ).toBe(0);
    expect(await count(ecsIndex)).toBe(5);
  });

  it('stores a pretty-printed CloudTrail file and NDJSON records', async () => {
    const records = handCountedRecords();
    const pretty = await file('pretty.json', JSON.stringify({ Records: records.slice(0, 10) }, null, 2));
    const ndjson = await file(
      'records.json',
      records
        .slice(10, 15)
        .map((record) => JSON.stringify(record))
        .join('\n'),
    );
    expect(await ingestCommand(['cloudtrail', pretty, ndjson])).toBe(0);
    expect(await count(`${prefix}*`)).toBe(15);
  });

  it('gives a file that is no JSON one rejection saying so', async () => {
    const lines: string[] = [];
    vi.mocked(console.log).mockImplementation((line: string) => lines.push(line));
    const text = await file('notes.json', 'these are\nnotes, not\nevents\n');
    expect(await ingestCommand(['ecs-events', text])).toBe(1);
    expect(lines.filter((line) => line.includes('rejected'))).toEqual([
      `${text}: 1 events, 0 indexed, 0 already present, 1 rejected`,
      `  rejected ${text} #1: is not JSON: neither one JSON document, a JSON array, nor NDJSON (one JSON value a line)`,
    ]);
  });
});
