// What one abusive request costs everyone else (issue #17, rows 1, 2 and 6): starts the BFF as
// its own process (token mode) against ES_URL, sends each shape over loopback while polling
// /api/health every 50 ms, and prints time to answer, statuses, response bytes, the slowest health
// answer and the server's RSS (before → peak, sampled from /proc every 20 ms).
// Usage: ES_URL=http://127.0.0.1:9200 node --import tsx server/bench/abuse-bench.ts [--port 8186] [--row 2]
import {
  abusiveBodies,
  ingestHeaders,
  send,
  startBff,
  underHealthProbe,
  validEcsEvent,
  type Answer,
  type Bff,
} from './abuse-kit.ts';

const esUrl = process.env.ES_URL;
if (!esUrl) throw new Error('set ES_URL to a running engine');
const option = (name: string) =>
  process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1] : undefined;
const port = Number(option('--port') ?? 8186);
const only = option('--row');
const runId = Date.now().toString(36);

type Row = [string, (bff: Bff, index: string) => Promise<{ answers: Answer[]; note?: string }>];
const ecs = (bff: Bff, body: string) =>
  send(bff.base, '/api/ingest/ecs-events', { method: 'POST', body, headers: ingestHeaders });

const rows: Row[] = [
  // The machine's own noise: health polled for 3 s with no load (2 cores shared with others).
  [
    '0: idle (health alone, 3 s)',
    async () => (await new Promise((resolve) => setTimeout(resolve, 3_000)), { answers: [] }),
  ],
  [
    '1a: 1,000,000 empty objects',
    async (bff) => ({ answers: [await ecs(bff, abusiveBodies.millionEmptyObjects())] }),
  ],
  [
    '1b: [valid event, 0 × 2,000,000]',
    async (bff) => ({ answers: [await ecs(bff, abusiveBodies.validThenTwoMillionZeros())] }),
  ],
  [
    '2: 1 poison (5,000 deep) among 260 valid',
    async (bff, index) => {
      const answers = await Promise.all([
        ecs(bff, abusiveBodies.deepPoisonEvent()),
        ...Array.from({ length: 260 }, (_, n) =>
          ecs(bff, JSON.stringify(validEcsEvent(`valid-${runId}-${n}`))),
        ),
      ]);
      await fetch(`${esUrl}/${index}/_refresh`, { method: 'POST' });
      const counted = (await (await fetch(`${esUrl}/${index}/_count`)).json()) as { count?: number };
      // Minus the warm-up event.
      return { answers, note: `${(counted.count ?? 0) - 1} of 260 valid events stored` };
    },
  ],
  [
    '6: 200 × 280 KB 140k-deep arrays to SNS',
    async (bff) => ({
      answers: await Promise.all(
        Array.from({ length: 200 }, () =>
          send(bff.base, '/api/ingest/sns', {
            method: 'POST',
            body: abusiveBodies.deepSnsArray(),
            headers: { 'content-type': 'text/plain' },
          }),
        ),
      ),
    }),
  ],
];

const lines: string[] = [];
for (const [row, load] of rows) {
  if (only && !row.startsWith(only)) continue;
  const index = `bench-abuse-ecs-${runId}-${lines.length}`;
  const bff = await startBff(esUrl, port, { ECS_EVENTS_INDEX: index });
  try {
    // Warm: the index exists and the first health check is behind us, in both runs alike.
    await ecs(bff, JSON.stringify(validEcsEvent(`warm-${runId}-${lines.length}`)));
    await fetch(`${bff.base}/api/health`);
    let note: string | undefined;
    const figures = await underHealthProbe(bff, async () => {
      const result = await load(bff, index);
      note = result.note;
      return result.answers;
    });
    const counts = new Map<number, number>();
    for (const { status } of figures.answers) counts.set(status, (counts.get(status) ?? 0) + 1);
    lines.push(
      row.padEnd(44) +
        figures.seconds.toFixed(2).padStart(9) +
        `  ${[...counts].map(([status, count]) => `${count}×${status}`).join(' ')}`.padEnd(22) +
        String(figures.answers.reduce((sum, answer) => sum + answer.bytes, 0)).padStart(12) +
        figures.slowestHealthMs.toFixed(0).padStart(15) +
        `${figures.rssBeforeMb.toFixed(0)} → ${figures.rssPeakMb.toFixed(0)}`.padStart(22) +
        (note ? `  ${note}` : ''),
    );
  } finally {
    await bff.stop();
    await fetch(`${esUrl}/${index}`, { method: 'DELETE' }).catch(() => undefined);
  }
}
console.log(
  'row'.padEnd(44) +
    'answer s'.padStart(9) +
    '  statuses'.padEnd(22) +
    'resp bytes'.padStart(12) +
    'health max ms'.padStart(15) +
    'RSS MB before→peak'.padStart(22),
);
for (const line of lines) console.log(line);
