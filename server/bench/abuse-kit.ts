// Shared by the abuse bench (server/bench/abuse-bench.ts) and the abuse stage of `npm test`
// (scripts/abuse-api.ts): the BFF as its own process, so its event loop is not the client's, and
// a health probe that runs beside a load.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { failedTaskEvent } from '../test/containers-fixtures.ts';
import type { EcsTaskStateChange } from '../src/boards/containers/schema.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const INGEST_TOKEN = 'abuse-ingest-token-0123456789abcdef';
export const READ_TOKEN = 'abuse-read-token-0123456789abcdef';
export const SNS_TOPIC = 'arn:aws:sns:eu-west-1:123456789012:deploys';

export interface Bff {
  base: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/** `server/src/main.ts` in token mode on loopback, answering health; `env` adds to it. */
export async function startBff(esUrl: string, port: number, env: Record<string, string> = {}): Promise<Bff> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      ES_URL: esUrl,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'error',
      ACCESS_MODE: 'token',
      ACCESS_TOKENS: READ_TOKEN,
      INGEST_TOKEN,
      SNS_TOPIC_ARNS: SNS_TOPIC,
      ...env,
    },
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  };
  for (let attempt = 0; attempt < 300; attempt += 1) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return { base, process: child, stop };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  throw new Error('the BFF did not start');
}

export function rssKb(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
}

export interface Answer {
  status: number;
  bytes: number;
  label?: string;
}

export interface ProbeFigures {
  seconds: number;
  slowestHealthMs: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  answers: Answer[];
}

/**
 * Polls `/api/health` every 50 ms from a worker thread: the load is generated on this thread, and
 * its own work must not count as the server's slowness.
 */
const HEALTH_PROBE = `
const { parentPort, workerData } = require('node:worker_threads');
let running = true;
let slowest = 0;
parentPort.on('message', () => (running = false));
(async () => {
  while (running) {
    const started = performance.now();
    await fetch(workerData + '/api/health').then((r) => r.arrayBuffer()).catch(() => undefined);
    slowest = Math.max(slowest, performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  parentPort.postMessage(slowest);
})();
`;

/** Runs `load` while a worker polls `/api/health` and this thread samples the BFF's RSS every 20 ms. */
export async function underHealthProbe(bff: Bff, load: () => Promise<Answer[]>): Promise<ProbeFigures> {
  const pid = bff.process.pid!;
  const rssBefore = rssKb(pid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    if (bff.process.exitCode === null) rssPeak = Math.max(rssPeak, rssKb(pid));
  }, 20);
  const probe = new Worker(HEALTH_PROBE, { eval: true, workerData: bff.base });
  const slowest = new Promise<number>((resolve) => probe.once('message', resolve));
  const started = performance.now();
  const answers = await load();
  const seconds = (performance.now() - started) / 1000;
  probe.postMessage('stop');
  const slowestHealthMs = await slowest;
  await probe.terminate();
  clearInterval(sampler);
  return { seconds, slowestHealthMs, rssBeforeMb: rssBefore / 1024, rssPeakMb: rssPeak / 1024, answers };
}

export async function send(
  base: string,
  url: string,
  init: { method?: string; body?: string; headers?: Record<string, string> } = {},
  label?: string,
): Promise<Answer> {
  const response = await fetch(`${base}${url}`, init);
  return {
    status: response.status,
    bytes: (await response.arrayBuffer()).byteLength,
    ...(label ? { label } : {}),
  };
}

export const ingestHeaders = { 'content-type': 'application/json', 'x-lookout-ingest-token': INGEST_TOKEN };

/** A valid ECS Task State Change (STOPPED, exit 1) whose taskArn derives from `name`. */
export function validEcsEvent(name: string): EcsTaskStateChange {
  return failedTaskEvent(name, Date.now() - 30_000);
}

/** The shapes of issue #17 rows 1, 2 and 6, as bodies. */
export const abusiveBodies = {
  millionEmptyObjects: () => `[${Array(1_000_000).fill('{}').join(',')}]`,
  validThenTwoMillionZeros: () =>
    `[${JSON.stringify(validEcsEvent('one-valid'))},${Array(2_000_000).fill('0').join(',')}]`,
  deepPoisonEvent: () =>
    JSON.stringify(validEcsEvent(`poison-${Date.now()}`)).replace(
      /^\{/,
      `{"extra":${'['.repeat(5_000)}${']'.repeat(5_000)},`,
    ),
  deepSnsArray: () => '['.repeat(140_000) + ']'.repeat(140_000),
};
