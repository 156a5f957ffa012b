// `npm run test:engines`: the integration tests and the end-to-end journeys once per supported
// engine (Elasticsearch 9 and 8, OpenSearch 2 and 3), one engine at a time on the `test` instance
// (fresh data each), then a table engine × stage with counts and times, and one closing line.
// Usage: node --import tsx scripts/test-engines.ts [--engine ID]... (default: every engine)
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { terminalProgress } from '../server/src/core/progress.ts';
import { INSTANCES } from '../server/src/es/local/engine-home.ts';
import { LOCAL_ENGINES, localEngine, type LocalEngine } from '../server/src/es/local/engines.ts';
import { startEngine, stopEngine } from '../server/src/es/local/launcher.ts';
import {
  addCounts,
  countPlaywright,
  countVitest,
  noCounts,
  pnpm,
  root,
  runStage,
  vitestReportArgs,
  type Counts,
} from './test-reports.ts';

const reports = path.join(root, '.lookout', 'test-reports', 'engines');
const STAGES = ['start', 'integration', 'e2e'] as const;
type Stage = (typeof STAGES)[number];

interface Cell {
  ok: boolean;
  seconds: number;
  counts?: Counts;
}
type Row = { engine: LocalEngine } & Partial<Record<Stage, Cell>>;

async function runEngine(engine: LocalEngine, env: Record<string, string>): Promise<Row> {
  const row: Row = { engine };
  const dir = path.join(reports, engine.id.replace('@', '-'));
  mkdirSync(dir, { recursive: true });
  process.stdout.write(`\n━━━━ ${engine.id} ━━━━\n`);
  const started = performance.now();
  try {
    await startEngine('test', terminalProgress(process.stdout), { fresh: true, engine: engine.id });
    row.start = { ok: true, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    row.start = { ok: false, seconds: (performance.now() - started) / 1000 };
    await stopEngine('test', terminalProgress(process.stdout));
    return row;
  }
  try {
    const engineEnv = {
      ...env,
      ES_URL: `http://127.0.0.1:${INSTANCES.test.port}`,
      // The chaos test starts (and kills) an engine of its own: the same one as under test.
      LOOKOUT_ENGINE: engine.id,
    };
    const integrationReport = path.join(dir, 'integration.json');
    const integration = runStage(
      `${engine.id}: integration`,
      pnpm,
      ['--filter', '@lookout/server', 'test:integration', ...vitestReportArgs(integrationReport)],
      engineEnv,
    );
    row.integration = { ...integration, counts: countVitest(integrationReport) };
    const e2eReport = path.join(dir, 'e2e.json');
    const e2e = runStage(`${engine.id}: end-to-end`, pnpm, ['--filter', '@lookout/e2e', 'test'], {
      ...engineEnv,
      PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport,
    });
    row.e2e = { ...e2e, counts: countPlaywright(e2eReport) };
  } finally {
    await stopEngine('test', terminalProgress(process.stdout));
  }
  return row;
}

function cellText(cell: Cell | undefined): string {
  if (!cell) return '–';
  const mark = cell.ok && (cell.counts?.failed ?? 0) === 0 ? '✔' : '✘';
  const counts = cell.counts
    ? ` ${cell.counts.passed}/${cell.counts.failed}/${cell.counts.skipped}`.padEnd(12)
    : ''.padEnd(12);
  return `${mark}${counts}${cell.seconds.toFixed(0).padStart(5)} s`;
}

function rowPassed(row: Row): boolean {
  return STAGES.every((stage) => {
    const cell = row[stage];
    return cell !== undefined && cell.ok && (cell.counts?.failed ?? 0) === 0;
  });
}

function printTable(rows: Row[], buildSeconds: number, totalSeconds: number): void {
  const width = Math.max(...rows.map((row) => row.engine.id.length), 'engine'.length) + 2;
  const columns = 24;
  process.stdout.write('\n━━ engines (tests passed/failed/skipped, time) ━━\n');
  process.stdout.write(
    `${'engine'.padEnd(width)}${STAGES.map((stage) => stage.padEnd(columns)).join('')}total\n`,
  );
  for (const row of rows) {
    const seconds = STAGES.reduce((sum, stage) => sum + (row[stage]?.seconds ?? 0), 0);
    process.stdout.write(
      `${row.engine.id.padEnd(width)}${STAGES.map((stage) => cellText(row[stage]).padEnd(columns)).join('')}` +
        `${(seconds / 60).toFixed(1)} min\n`,
    );
  }
  const tests = noCounts();
  for (const row of rows)
    for (const stage of STAGES) if (row[stage]?.counts) addCounts(tests, row[stage].counts);
  const passed = rows.filter(rowPassed).length;
  process.stdout.write(
    `\nweb build ${buildSeconds.toFixed(0)} s, whole matrix ${(totalSeconds / 60).toFixed(1)} min\n` +
      `engines: ${passed} of ${rows.length} passed\n` +
      // Last, so that CI reads the matrix's test totals as its closing line.
      `tests: ${tests.passed} passed, ${tests.failed} failed, ${tests.skipped} skipped\n`,
  );
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { engine: { type: 'string', multiple: true } } });
  const engines = values.engine?.length ? values.engine.map((id) => localEngine(id)) : [...LOCAL_ENGINES];
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(reports, { recursive: true });
  // Two engines at a time at most (the one under test and the chaos test's own): 1 GB heap each
  // keeps them, Chromium and the BFF well inside a small CI machine.
  const env = { LOOKOUT_ES_HEAP: process.env.LOOKOUT_ES_HEAP ?? '1g' };

  const started = performance.now();
  const build = runStage('build web', pnpm, ['--filter', '@lookout/web', 'build']);
  if (!build.ok) return 1;
  const rows: Row[] = [];
  for (const engine of engines) rows.push(await runEngine(engine, env));
  printTable(rows, build.seconds, (performance.now() - started) / 1000);
  return rows.every(rowPassed) ? 0 : 1;
}

const code = await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  return 1;
});
process.exit(code);
