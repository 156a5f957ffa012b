// The trace page in Chromium: how long until the waterfall of a 50,000-span trace is drawn, and
// how long a frame takes while it scrolls, beside the same figures for a 500-span trace (the
// baseline, same page, same run). The built SPA (`pnpm --filter @lookout/web build`) is served
// from web/dist by a bare static server, and the trace API is answered by Playwright with a
// generated trace, so the figures are the browser's alone (the API's own time is the server
// bench's). Prints figures; fails on none.
//
//   node --import tsx e2e/bench/traces-waterfall.ts [--spans 50000] [--frames 180]
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from '@playwright/test';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = path.join(root, 'web', 'dist');
const TRACE_ID = '0000000000000000000000000000beef';

const { values } = parseArgs({
  options: { spans: { type: 'string', default: '50000' }, frames: { type: 'string', default: '180' } },
});
const SPANS = Number(values.spans);
const FRAMES = Number(values.frames);
const BASELINE_SPANS = 500;

/** A deterministic trace of `count` spans: a gateway fanning out to services, up to 8 deep. */
export function generateTrace(count: number) {
  const services = ['gateway', 'checkout', 'orders', 'payments', 'inventory', 'postgres', 'redis', 'kafka'];
  let seed = 7;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  const t0 = Date.parse('2026-11-26T10:00:00.000Z');
  const iso = (us: number) => {
    const ms = t0 + Math.floor(us / 1000);
    const frac = String(Math.round((us % 1000) * 1000)).padStart(6, '0');
    return new Date(ms).toISOString().replace('Z', `${frac}Z`);
  };
  type Span = {
    spanId: string;
    parentSpanId: string | null;
    service: string;
    name: string;
    kind: 'server' | 'client' | 'internal';
    start: string;
    durationUs: number;
    status: { code: 'unset' | 'error'; message: string | null };
    attributes: Record<string, unknown>;
    events: [];
    links: [];
  };
  const spans: Span[] = [];
  const id = (n: number) => n.toString(16).padStart(16, '0');
  const queue: { n: number; depth: number; startUs: number; durationUs: number }[] = [];
  const add = (parent: number | null, depth: number, startUs: number, durationUs: number) => {
    const n = spans.length + 1;
    const service = services[depth === 0 ? 0 : 1 + Math.floor(next() * (services.length - 1))]!;
    spans.push({
      spanId: id(n),
      parentSpanId: parent === null ? null : id(parent),
      service,
      name: `${service} op ${Math.floor(next() * 20)}`,
      kind: depth === 0 ? 'server' : 'client',
      start: iso(startUs),
      durationUs,
      status: next() < 0.01 ? { code: 'error', message: 'boom' } : { code: 'unset', message: null },
      attributes: { 'http.route': `/r/${n % 50}`, 'db.system': 'postgresql' },
      events: [],
      links: [],
    });
    queue.push({ n, depth, startUs, durationUs });
  };
  add(null, 0, 0, 60_000_000);
  for (let i = 0; i < queue.length && spans.length < count; i++) {
    const parent = queue[i]!;
    const children = parent.depth === 0 ? 200 : parent.depth >= 8 ? 0 : 1 + Math.floor(next() * 6);
    const slot = parent.durationUs / Math.max(1, children);
    for (let c = 0; c < children && spans.length < count; c++) {
      add(
        parent.n,
        parent.depth + 1,
        parent.startUs + c * slot + next() * slot * 0.1,
        slot * (0.3 + next() * 0.6),
      );
    }
  }
  return {
    traceId: TRACE_ID,
    spans,
    rootSpanId: id(1),
    services,
    durationUs: 60_000_000,
    criticalPath: [id(1)],
    warnings: [],
  };
}

/** web/dist over HTTP, every unknown path answered with index.html (the SPA's routes). */
function serveDist(): Promise<Server> {
  const types: Record<string, string> = {
    '.js': 'text/javascript',
    '.css': 'text/css',
    '.html': 'text/html',
    '.svg': 'image/svg+xml',
    '.json': 'application/json',
  };
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    let file = path.join(dist, pathname);
    if (!file.startsWith(dist) || !existsSync(file) || statSync(file).isDirectory())
      file = path.join(dist, 'index.html');
    response.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

interface Figures {
  spans: number;
  jsonMb: number;
  drawnMs: number;
  afterAnswerMs: number;
  rowsInDom: number;
  frameP50: number;
  frameP95: number;
  frameMax: number;
  deepLinkMs: number;
}

async function measure(browser: Browser, base: string, count: number): Promise<Figures> {
  const body = JSON.stringify(generateTrace(count));
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.route('**/api/**', (route) =>
    new URL(route.request().url()).pathname === `/api/traces/${TRACE_ID}`
      ? route.fulfill({ status: 200, contentType: 'application/json', body })
      : route.fulfill({ status: 200, contentType: 'application/json', body: '{"status":"ok"}' }),
  );
  const page = await context.newPage();

  // From navigation start to the first row of the waterfall on screen.
  await page.goto(`${base}/traces/${TRACE_ID}`);
  const drawn = await page.waitForFunction(
    () => (document.querySelector('[role="treeitem"]') ? performance.now() : false),
    undefined,
    { polling: 'raf', timeout: 120_000 },
  );
  const drawnMs = (await drawn.jsonValue()) as number;
  // When the trace's answer had fully arrived: what follows is the page's own work (parse, tree, draw).
  const answeredMs = (await page.evaluate(
    `performance.getEntriesByType('resource').find((entry) => entry.name.includes('/api/traces/'))?.responseEnd ?? 0`,
  )) as number;
  const rowsInDom = await page.locator('[role="treeitem"]').count();

  // Scroll steadily through the list, one step a frame, and time the frames.
  // A string, not a function: tsx would wrap a named inner function in a helper the page lacks.
  const frames = (await page.evaluate(`new Promise((resolve) => {
    const viewport = document.querySelector('[role="tree"]');
    const times = [];
    const step = (time) => {
      times.push(time);
      viewport.scrollTop = (viewport.scrollTop + 1200) % Math.max(1, viewport.scrollHeight - viewport.clientHeight);
      if (times.length > ${FRAMES}) resolve(times.slice(1).map((t, i) => t - times[i]));
      else requestAnimationFrame(step);
    };
    requestAnimationFrame(step);
  })`)) as number[];
  frames.sort((a, b) => a - b);

  // A deep link to the last span (a reload of `?span=`): until that span's row is on screen.
  const lastSpan = count.toString(16).padStart(16, '0');
  await page.goto(`${base}/traces/${TRACE_ID}?span=${lastSpan}`);
  const deep = await page.waitForFunction(
    (spanId) =>
      document.querySelector(`[data-span-id="${spanId}"][aria-selected="true"]`) ? performance.now() : false,
    lastSpan,
    { polling: 'raf', timeout: 120_000 },
  );
  const deepLinkMs = (await deep.jsonValue()) as number;
  await context.close();

  const at = (q: number) => frames[Math.min(frames.length - 1, Math.floor(q * frames.length))]!;
  return {
    spans: count,
    jsonMb: body.length / 1_048_576,
    drawnMs,
    afterAnswerMs: drawnMs - answeredMs,
    rowsInDom,
    frameP50: at(0.5),
    frameP95: at(0.95),
    frameMax: frames.at(-1)!,
    deepLinkMs,
  };
}

async function main() {
  if (!existsSync(path.join(dist, 'index.html'))) {
    throw new Error('web/dist has no index.html: build the SPA first (pnpm --filter @lookout/web build)');
  }
  const server = await serveDist();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    const results = [await measure(browser, base, BASELINE_SPANS), await measure(browser, base, SPANS)];
    const header = [
      'spans',
      'JSON',
      'drawn',
      'after answer',
      'rows in DOM',
      'frame p50',
      'frame p95',
      'frame max',
      '?span= last',
    ];
    const rows = results.map((r) => [
      r.spans.toLocaleString('en-US'),
      `${r.jsonMb.toFixed(1)} MB`,
      `${r.drawnMs.toFixed(0)} ms`,
      `${r.afterAnswerMs.toFixed(0)} ms`,
      String(r.rowsInDom),
      `${r.frameP50.toFixed(1)} ms`,
      `${r.frameP95.toFixed(1)} ms`,
      `${r.frameMax.toFixed(1)} ms`,
      `${r.deepLinkMs.toFixed(0)} ms`,
    ]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
    const line = (cells: string[]) =>
      cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
    console.log(`Trace waterfall in Chromium (baseline: ${BASELINE_SPANS} spans, same page, same run)`);
    console.log('drawn: navigation start → first waterfall row on screen');
    console.log('after answer: last byte of the trace API answer (served by the bench) → that row');
    console.log(line(header));
    for (const row of rows) console.log(line(row));
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
