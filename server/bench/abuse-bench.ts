// What one abusive request costs everyone else (issue #17, rows 1, 2 and 6): starts the BFF as
// its own process (token mode) against ES_URL, sends each shape over loopback while polling
// /api/health every 50 ms, and prints time to answer, status, response bytes, the slowest health
// answer and the server's RSS (before → peak, sampled from /proc every 20 ms).
// Usage: ES_URL=http://127.0.0.1:9200 node --import tsx server/bench/abuse-bench.ts [--port 8186]
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { taskEvents } from '../test/containers-fixtures.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const esUrl = process.env.ES_URL;
if (!esUrl) throw new Error('set ES_URL to a running engine');
const portAt = process.argv.indexOf('--port');
const port = portAt === -1 ? 8186 : Number(process.argv[portAt + 1]);
const base = `http://127.0.0.1:${port}`;
const ingestToken = 'bench-ingest-token-0123456789abcdef';
const eventsIndex = `bench-abuse-ecs-${Date.now().toString(36)}`;

function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

async function startServer(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      ES_URL: esUrl,
      PORT: String(port),
      LOG_LEVEL: 'error',
      ACCESS_MODE: 'token',
      ACCESS_TOKENS: 'bench-read-token-0123456789abcdef',
      INGEST_TOKEN: ingestToken,
      ECS_EVENTS_INDEX: eventsIndex,
      SNS_TOPIC_ARNS: 'arn:aws:sns:eu-west-1:123456789012:deploys',
    },
  });
  for (let attempt = 0; attempt < 200; attempt += 1) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('BFF did not start');
}

interface Figures {
  row: string;
  seconds: number;
  statuses: string;
  responseBytes: number;
  slowestHealthMs: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  note?: string;
}

/** Runs `load` while polling health and sampling RSS; the figures of one row. */
async function measure(
  row: string,
  pid: number,
  load: () => Promise<Array<{ status: number; bytes: number }>>,
): Promise<Figures> {
  const rssBefore = rssKb(pid);
  let rssPeak = rssBefore;
  let slowestHealth = 0;
  let running = true;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssKb(pid))), 20);
  const health = (async () => {
    while (running) {
      const started = performance.now();
      await fetch(`${base}/api/health`).then((response) => response.arrayBuffer());
      slowestHealth = Math.max(slowestHealth, performance.now() - started);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  const started = performance.now();
  const answers = await load();
  const seconds = (performance.now() - started) / 1000;
  running = false;
  await health;
  clearInterval(sampler);
  const counts = new Map<number, number>();
  for (const { status } of answers) counts.set(status, (counts.get(status) ?? 0) + 1);
  return {
    row,
    seconds,
    statuses: [...counts].map(([status, count]) => `${count}×${status}`).join(' '),
    responseBytes: answers.reduce((sum, answer) => sum + answer.bytes, 0),
    slowestHealthMs: slowestHealth,
    rssBeforeMb: rssBefore / 1024,
    rssPeakMb: rssPeak / 1024,
  };
}

async function post(url: string, body: string, headers: Record<string, string>) {
  const response = await fetch(`${base}${url}`, { method: 'POST', body, headers });
  return { status: response.status, bytes: (await response.arrayBuffer()).byteLength };
}

const ingestHeaders = { 'content-type': 'application/json', 'x-lookout-ingest-token': ingestToken };

function validEvent(name: string) {
  const now = Date.now();
  return taskEvents({
    name,
    service: 'bench',
    createdAtMs: now - 60_000,
    stoppedAtMs: now - 30_000,
    containers: [{ name: 'app', image: 'app:1', exitCode: 1 }],
  })[0]!;
}

let storedNote: string | undefined;
const rows: Array<[string, () => Promise<Array<{ status: number; bytes: number }>>]> = [
  [
    '1a: 1,000,000 empty objects',
    async () => [
      await post('/api/ingest/ecs-events', `[${Array(1_000_000).fill('{}').join(',')}]`, ingestHeaders),
    ],
  ],
  [
    '1b: [valid event, 0 × 2,000,000]',
    async () => [
      await post(
        '/api/ingest/ecs-events',
        `[${JSON.stringify(validEvent('one-valid'))},${Array(2_000_000).fill('0').join(',')}]`,
        ingestHeaders,
      ),
    ],
  ],
  [
    '2: 1 poison (5,000 deep) among 260 valid',
    async () => {
      const poisonBody = JSON.stringify(validEvent('poison')).replace(
        /^\{/,
        `{"extra":${'['.repeat(5_000)}${']'.repeat(5_000)},`,
      );
      const valid = Array.from({ length: 260 }, (_, i) =>
        post('/api/ingest/ecs-events', JSON.stringify(validEvent(`valid-${Date.now()}-${i}`)), ingestHeaders),
      );
      const answers = await Promise.all([
        post('/api/ingest/ecs-events', poisonBody, ingestHeaders),
        ...valid,
      ]);
      await fetch(`${esUrl}/${eventsIndex}/_refresh`, { method: 'POST' });
      const counted = (await (await fetch(`${esUrl}/${eventsIndex}/_count`)).json()) as { count?: number };
      storedNote = `${counted.count ?? 0} of 260 valid events stored`;
      return answers;
    },
  ],
  [
    '6: 200 × 280 KB 140k-deep arrays to SNS',
    async () => {
      const body = '['.repeat(140_000) + ']'.repeat(140_000);
      return Promise.all(
        Array.from({ length: 200 }, () => post('/api/ingest/sns', body, { 'content-type': 'text/plain' })),
      );
    },
  ],
];

const only = process.argv.includes('--row') ? process.argv[process.argv.indexOf('--row') + 1] : undefined;
const results: Figures[] = [];
for (const [row, load] of rows) {
  if (only && !row.startsWith(only)) continue;
  const server = await startServer();
  try {
    storedNote = undefined;
    results.push({ ...(await measure(row, server.pid!, load)), ...(storedNote ? { note: storedNote } : {}) });
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
}
await fetch(`${esUrl}/${eventsIndex}`, { method: 'DELETE' }).catch(() => undefined);

console.log(
  'row'.padEnd(44) +
    'answer s'.padStart(9) +
    '  statuses'.padEnd(22) +
    'resp bytes'.padStart(12) +
    'health max ms'.padStart(15) +
    'RSS MB before→peak'.padStart(22),
);
for (const figures of results) {
  console.log(
    figures.row.padEnd(44) +
      figures.seconds.toFixed(2).padStart(9) +
      `  ${figures.statuses}`.padEnd(22) +
      String(figures.responseBytes).padStart(12) +
      figures.slowestHealthMs.toFixed(0).padStart(15) +
      `${figures.rssBeforeMb.toFixed(0)} → ${figures.rssPeakMb.toFixed(0)}`.padStart(22) +
      (figures.note ? `  ${figures.note}` : ''),
  );
}
