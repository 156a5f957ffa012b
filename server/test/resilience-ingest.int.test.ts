import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client, estypes } from '@elastic/elasticsearch';
import { createEsClient } from '../src/es/client.ts';
import { generateCloudTrailLogs } from '../src/boards/cloudtrail/demo/generate-logs.ts';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.ts';
import { testConfig, uniqueIndex } from './helpers.ts';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NOW = new Date('2026-11-26T10:45:00Z');
/** The CLI installs the board's template under this shared name; it is put back afterwards. */
const SHARED_TEMPLATE = 'lookout-cloudtrail';

interface Run {
  code: number | null;
  output: string;
}

/** `npm run lookout -- ingest cloudtrail <dir>`, as a person runs it, against ES_URL. */
function startIngest(dir: string, env: Record<string, string>): { done: Promise<Run> } {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(serverDir, 'src/cli/main.ts'), 'ingest', 'cloudtrail', dir],
    { cwd: serverDir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { done: new Promise((resolve) => child.on('close', (code) => resolve({ code, output }))) };
}

describe('CloudTrail ingest cut off mid-run, then run again', () => {
  const prefix = `${uniqueIndex('resilience-ct')}-`;
  let client: Client;
  let proxy: TcpProxy;
  let dir: string;
  let generated: { files: number; records: number };
  let savedTemplate: estypes.IndicesGetIndexTemplateIndexTemplateItem | undefined;

  /** Documents written so far, refreshed or not (indexing stats count each write at once). */
  const writes = async () => {
    const stats = await client.indices.stats({ index: `${prefix}*`, metric: 'indexing' });
    return stats._all.primaries?.indexing?.index_total ?? 0;
  };
  const stored = async () => {
    await client.indices.refresh({ index: `${prefix}*`, allow_no_indices: true });
    return (await client.count({ index: `${prefix}*`, allow_no_indices: true })).count;
  };

  beforeAll(async () => {
    client = createEsClient(testConfig().es);
    const existing = await client.indices
      .getIndexTemplate({ name: SHARED_TEMPLATE })
      .catch(() => ({ index_templates: [] }));
    savedTemplate = existing.index_templates[0];
    dir = await mkdtemp(path.join(tmpdir(), 'lookout-resilience-ct-'));
    generated = await generateCloudTrailLogs({ dir, days: 1, scale: 1, seed: 11, now: NOW });
    const engine = new URL(testConfig().es.url);
    proxy = await startTcpProxy({ host: engine.hostname, port: Number(engine.port) });
  });

  afterAll(async () => {
    await proxy?.close();
    const names = Object.keys(await client.indices.get({ index: `${prefix}*`, allow_no_indices: true }));
    if (names.length > 0) await client.indices.delete({ index: names.join(',') });
    if (savedTemplate) {
      // Dates are the system's to set: sending them back is refused.
      const body = { ...savedTemplate.index_template };
      for (const managed of [
        'created_date',
        'created_date_millis',
        'modified_date',
        'modified_date_millis',
      ]) {
        delete (body as Record<string, unknown>)[managed];
      }
      const restored = body as Omit<estypes.IndicesPutIndexTemplateRequest, 'name'>;
      await client.indices.putIndexTemplate({ name: SHARED_TEMPLATE, ...restored });
    } else {
      await client.indices.deleteIndexTemplate({ name: SHARED_TEMPLATE }).catch(() => undefined);
    }
    await client?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores every record exactly once: none lost by the cut, none doubled by the rerun', async () => {
    expect(generated.records).toBeGreaterThan(10_000);
    const env = { ES_URL: proxy.url, CLOUDTRAIL_INDEX_PREFIX: prefix, LOG_LEVEL: 'silent' };

    // First run: the connection is cut as soon as the first bulk request has been written.
    const first = startIngest(dir, env);
    let cutAfter = 0;
    for (;;) {
      cutAfter = await writes().catch(() => 0);
      if (cutAfter > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await proxy.setMode('refuse');
    const cut = await first.done;
    expect(cut.code, cut.output).not.toBe(0);
    expect(cut.output).toMatch(/ConnectionError|connect ECONNREFUSED|socket hang up/);
    // Bulk requests the engine had already received still finish after the client is gone: wait
    // until the count stops moving, so it is what the cut run really left behind.
    let afterCut = await stored();
    for (let previous = -1; afterCut !== previous;) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      previous = afterCut;
      afterCut = await stored();
    }
    console.info(`cut after ${cutAfter} writes; ${afterCut} of ${generated.records} records stored`);
    expect(afterCut).toBeGreaterThan(0);
    expect(afterCut).toBeLessThan(generated.records);

    // The engine is back: the same command again finishes the job.
    await proxy.setMode('forward');
    const second = await startIngest(dir, env).done;
    expect(second.code, second.output).toBe(0);
    const summary = /([\d,]+) indexed, ([\d,]+) already present, ([\d,]+) rejected/.exec(second.output);
    expect(summary, second.output).not.toBeNull();
    const [indexed = NaN, alreadyPresent = NaN, rejected = NaN] = summary!
      .slice(1)
      .map((n) => Number(n.replaceAll(',', '')));
    console.info(`rerun: ${indexed} indexed, ${alreadyPresent} already present, ${rejected} rejected`);
    expect(rejected).toBe(0);
    expect(indexed + alreadyPresent).toBe(generated.records);
    // Exactly what the cut run stored is "already present": nothing written twice, nothing missing.
    expect(alreadyPresent).toBe(afterCut);
    expect(await stored()).toBe(generated.records);
  });
});
