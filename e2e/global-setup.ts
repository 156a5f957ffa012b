import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Demo data for the journeys, written by the same `seed` command a person runs (deterministic
 * seed), into the engine the BFF under test reads. Re-running it adds nothing: ids are the
 * producers' own.
 */
export default function globalSetup(): void {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'server/src/cli/main.ts', 'seed', '--days', '2', '--scale', '0.25', '--seed', '7'],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ES_URL: process.env.ES_URL ?? 'http://127.0.0.1:9201' },
    },
  );
  if (result.status !== 0) throw new Error(`seeding demo data failed (exit ${result.status})`);
}
