// What `npm test` and `npm run test:engines` share: running a stage with its time, and reading the
// test counts from vitest's and Playwright's JSON reports.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const pnpm = process.env.LOOKOUT_PNPM ?? 'pnpm';

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

export function noCounts(): Counts {
  return { passed: 0, failed: 0, skipped: 0 };
}

/** Runs a command in the repository with the terminal attached; true when it exits 0. */
export function runStage(stage: string, command: string, args: string[], env: Record<string, string> = {}) {
  process.stdout.write(`\n━━ ${stage} ━━\n`);
  const started = performance.now();
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
  return { ok: result.status === 0, seconds: (performance.now() - started) / 1000 };
}

/** A vitest JSON report's counts (nothing when the run died before writing it). */
export function countVitest(file: string): Counts {
  if (!existsSync(file)) return noCounts();
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

/** A Playwright JSON report's counts. */
export function countPlaywright(file: string): Counts {
  if (!existsSync(file)) return noCounts();
  const { stats } = JSON.parse(readFileSync(file, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

export function addCounts(total: Counts, more: Counts): void {
  total.passed += more.passed;
  total.failed += more.failed;
  total.skipped += more.skipped;
}

/** The vitest arguments that write a JSON report next to the terminal output. */
export function vitestReportArgs(report: string): string[] {
  return ['--reporter=default', '--reporter=json', `--outputFile.json=${report}`];
}
