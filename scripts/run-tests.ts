// `npm test`: type-check, lint, format check, unit, integration (real Elasticsearch), API fuzzing
// (schemathesis), abuse (oversized and poison requests), the SPA's first-load budget, end-to-end
// (real Chromium, installed when missing and this machine can). Starts the test engine it needs
// (unless ES_URL is set) and always stops it.
// Prints how long each stage took and one closing line with the totals.
import { mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import path from 'node:path';
import { startEngine, stopEngine } from '../server/src/es/local/launcher.ts';
import { INSTANCES } from '../server/src/es/local/engine-home.ts';
import { terminalProgress } from '../server/src/core/progress.ts';
import { ensureBrowser } from './browser.ts';
import {
  addCounts,
  countPlaywright,
  countVitest,
  noCounts,
  pnpm,
  root,
  runStage,
  vitestReportArgs,
} from './test-reports.ts';

const reports = path.join(root, '.lookout', 'test-reports');

const totals = noCounts();
const timings: Array<{ stage: string; seconds: number; ok: boolean }> = [];

function run(stage: string, command: string, args: string[], env: Record<string, string> = {}): boolean {
  const { ok, seconds } = runStage(stage, command, args, env);
  timings.push({ stage, seconds, ok });
  return ok;
}

/** Adds the fuzzer's operations (one JUnit test case each) to the totals. */
function countFuzz(file: string): void {
  if (!existsSync(file)) return;
  const xml = readFileSync(file, 'utf8');
  const cases = [...xml.matchAll(/<testcase\b[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)];
  for (const [, , inner = ''] of cases) {
    if (/<(failure|error)\b/.test(inner)) totals.failed += 1;
    else if (/<skipped\b/.test(inner)) totals.skipped += 1;
    else totals.passed += 1;
  }
}

function vitest(
  stage: string,
  filter: string,
  script: string,
  name: string,
  env: Record<string, string> = {},
): boolean {
  const report = path.join(reports, `${name}.json`);
  const ok = run(stage, pnpm, ['--filter', filter, script, ...vitestReportArgs(report)], env);
  addCounts(totals, countVitest(report));
  return ok;
}

/** The Playwright stage, or one line saying what to install when Chromium is missing and cannot be. */
function endToEnd(esUrl: string): boolean {
  const stage = 'end-to-end (Playwright, Chromium)';
  const browser = ensureBrowser();
  if ('problem' in browser) {
    process.stdout.write(`\n━━ ${stage} ━━\n✘ ${browser.problem}\n`);
    timings.push({ stage, seconds: 0, ok: false });
    return false;
  }
  const e2eReport = path.join(reports, 'e2e.json');
  const ok = run(stage, pnpm, ['--filter', '@lookout/e2e', 'test'], {
    ES_URL: esUrl,
    CHROMIUM_PATH: browser.path,
    PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport,
  });
  addCounts(totals, countPlaywright(e2eReport));
  return ok;
}

async function main(): Promise<number> {
  rmSync(reports, { recursive: true, force: true });
  mkdirSync(reports, { recursive: true });

  const staticChecks =
    run('type-check', pnpm, ['-r', 'typecheck']) &&
    run('type-check scripts', pnpm, ['exec', 'tsc', '-p', 'scripts/tsconfig.json']) &&
    run('lint', pnpm, ['exec', 'eslint', '.', '--max-warnings=0']) &&
    run('import cycles', process.execPath, ['--import', 'tsx', 'scripts/check-import-cycles.ts']) &&
    run('format', pnpm, ['exec', 'prettier', '--check', '.']);
  if (!staticChecks) return 1;

  const scriptsReport = path.join(reports, 'scripts-unit.json');
  const scriptsUnit = run('unit: scripts', pnpm, [
    'exec',
    'vitest',
    'run',
    '--config',
    'scripts/vitest.config.ts',
    ...vitestReportArgs(scriptsReport),
  ]);
  addCounts(totals, countVitest(scriptsReport));
  const unit =
    scriptsUnit &&
    vitest('unit: server', '@lookout/server', 'test:unit', 'server-unit') &&
    vitest('unit: web', '@lookout/web', 'test:unit', 'web-unit');
  if (!unit) return 1;

  let esUrl = process.env.ES_URL;
  let stopAfter = false;
  const engineStarted = performance.now();
  if (!esUrl) {
    process.stdout.write('\n━━ local Elasticsearch (test instance, fresh data) ━━\n');
    const engine = await startEngine('test', terminalProgress(process.stdout), { fresh: true });
    esUrl = `http://127.0.0.1:${INSTANCES.test.port}`;
    stopAfter = engine.startedNow;
    timings.push({
      stage: 'start Elasticsearch',
      seconds: (performance.now() - engineStarted) / 1000,
      ok: true,
    });
  }
  try {
    const integration = vitest('integration', '@lookout/server', 'test:integration', 'integration', {
      ES_URL: esUrl,
    });
    // Bounded (25 cases per operation, about a minute): zero 5xx, zero schema-breaking answers.
    const fuzz = run(
      'fuzz API (schemathesis, OpenAPI)',
      process.execPath,
      ['--import', 'tsx', 'scripts/fuzz-api.ts', '--max-examples', '25'],
      { ES_URL: esUrl },
    );
    countFuzz(path.join(reports, 'fuzz', 'junit.xml'));
    // The shapes of issue #17 against a BFF of its own (about 20 s): no 5xx, each answer as
    // documented, /api/health under 1 s throughout.
    const abuse = run(
      'abuse (oversized and poison requests)',
      process.execPath,
      ['--import', 'tsx', 'scripts/abuse-api.ts'],
      { ES_URL: esUrl },
    );
    const built = run('build web', pnpm, ['--filter', '@lookout/web', 'build']);
    // Brotli bytes each route fetches first, against the 170 KB budget (docs/serving.md).
    const withinBudget =
      built && run('first-load budget', process.execPath, ['--import', 'tsx', 'scripts/bundle-budget.ts']);
    const e2e = built && endToEnd(esUrl);
    return integration && fuzz && abuse && withinBudget && e2e ? 0 : 1;
  } finally {
    if (stopAfter) await stopEngine('test', terminalProgress(process.stdout));
  }
}

const code = await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  return 1;
});
process.stdout.write('\n━━ stages ━━\n');
for (const { stage, seconds, ok } of timings) {
  process.stdout.write(`${ok ? '✔' : '✘'} ${stage.padEnd(36)} ${seconds.toFixed(1).padStart(7)} s\n`);
}
process.stdout.write(
  `\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`,
);
process.exit(code === 0 && totals.failed === 0 ? 0 : 1);
