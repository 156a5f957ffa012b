import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import { createEsClient } from '../src/es/client.ts';
import { loadConfig } from '../src/app/config.ts';
import { silentProgress } from '../src/core/progress.ts';
import { engineStatus, startEngine, stopEngine } from '../src/es/local/launcher.ts';
import { INSTANCES } from '../src/es/local/engine-home.ts';
import { generateCloudTrailLogs } from '../src/boards/cloudtrail/demo/generate-logs.ts';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const NOW = new Date('2026-11-26T10:45:00Z');
const PREFIX = 'ct-';
/** An engine of its own (the `chaos` instance): the shared `test` engine is never killed. */
const ENGINE_URL = `http://127.0.0.1:${INSTANCES.chaos.port}`;

/** `npm run lookout -- ingest cloudtrail <dir>` against the chaos engine; resolves on exit. */
function ingest(dir: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(serverDir, 'src/cli/main.ts'), 'ingest', 'cloudtrail', dir],
    {
      cwd: serverDir,
      env: { ...process.env, ES_URL: ENGINE_URL, CLOUDTRAIL_INDEX_PREFIX: PREFIX },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, output })));
}

describe('CloudTrail ingest while the engine is killed (SIGKILL) and restarted', () => {
  let client: Client;
  let dir: string;
  let generated: { files: number; records: number };
  const heapBefore = process.env.LOOKOUT_ES_HEAP;

  const writes = async () => {
    const stats = await client.indices.stats({ index: `${PREFIX}*`, metric: 'indexing' });
    return stats._all.primaries?.indexing?.index_total ?? 0;
  };
  const stored = async () => {
    await client.indices.refresh({ index: `${PREFIX}*`, allow_no_indices: true });
    return (await client.count({ index: `${PREFIX}*`, allow_no_indices: true })).count;
  };

  beforeAll(async () => {
    // A small heap: this engine only holds 20,000 records, next to the shared one.
    process.env.LOOKOUT_ES_HEAP = heapBefore ?? '512m';
    await startEngine('chaos', silentProgress, { fresh: true });
    client = createEsClient(loadConfig({ ES_URL: ENGINE_URL }).es);
    dir = await mkdtemp(path.join(tmpdir(), 'lookout-engine-kill-'));
    generated = await generateCloudTrailLogs({ dir, days: 1, scale: 1, seed: 23, now: NOW });
  });

  afterAll(async () => {
    await client?.close();
    await stopEngine('chaos', silentProgress);
    if (heapBefore === undefined) delete process.env.LOOKOUT_ES_HEAP;
    else process.env.LOOKOUT_ES_HEAP = heapBefore;
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('ends with every record stored exactly once after the rerun', async () => {
    const running = ingest(dir);
    // Past the first bulk request (about 5,000 records), so that some writes were acknowledged.
    while ((await writes().catch(() => 0)) < 6_000) await new Promise((resolve) => setTimeout(resolve, 20));

    // The whole engine process group, by the id the launcher recorded: a crash, not a stop.
    const { pid } = await engineStatus('chaos');
    expect(pid).toBeDefined();
    process.kill(-pid!, 'SIGKILL');
    const killed = await running;
    expect(killed.code, killed.output).not.toBe(0);

    await startEngine('chaos', silentProgress);
    const afterRestart = await stored();
    console.info(`engine killed mid-ingest: ${afterRestart} of ${generated.records} records survived`);
    expect(afterRestart).toBeGreaterThan(0);
    expect(afterRestart).toBeLessThan(generated.records);

    const rerun = await ingest(dir);
    expect(rerun.code, rerun.output).toBe(0);
    const summary = /([\d,]+) indexed, ([\d,]+) already present, ([\d,]+) rejected/.exec(rerun.output);
    expect(summary, rerun.output).not.toBeNull();
    const [indexed = NaN, alreadyPresent = NaN, rejected = NaN] = summary!
      .slice(1)
      .map((n) => Number(n.replaceAll(',', '')));
    console.info(`rerun: ${indexed} indexed, ${alreadyPresent} already present, ${rejected} rejected`);
    expect(rejected).toBe(0);
    expect(alreadyPresent).toBe(afterRestart);
    expect(indexed + alreadyPresent).toBe(generated.records);
    expect(await stored()).toBe(generated.records);
  });
});
