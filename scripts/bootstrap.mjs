// Entry of `npm start`, `npm test`, `npm run test:engines` and `npm run lookout`: installs what is missing (pnpm at the
// pinned version, the workspace dependencies), then hands over to the TypeScript command.
// Plain JavaScript with no dependencies, because it runs before anything is installed.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (line) => process.stderr.write(`${line}\n`);

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    say(`Lookout needs Node.js 20.19 or newer; this is ${process.versions.node}.`);
    process.exit(2);
  }
}

/** pnpm at exactly the version pinned in package.json's packageManager field. */
function ensurePnpm() {
  const pinned = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).packageManager;
  const version = /^pnpm@([^+]+)/.exec(pinned)?.[1];
  const onPath = spawnSync('pnpm', ['--version'], { encoding: 'utf8', cwd: root });
  if (onPath.status === 0 && onPath.stdout.trim() === version) return 'pnpm';
  const local = path.join(root, '.lookout', 'tools', 'node_modules', '.bin', 'pnpm');
  const localVersion = existsSync(local)
    ? spawnSync(local, ['--version'], { encoding: 'utf8' }).stdout?.trim()
    : '';
  if (localVersion === version) return local;
  say(`Installing pnpm ${version} into .lookout/tools …`);
  const installed = spawnSync(
    'npm',
    [
      'install',
      '--no-save',
      '--no-package-lock',
      '--no-audit',
      '--no-fund',
      '--prefix',
      path.join(root, '.lookout', 'tools'),
      `pnpm@${version}`,
    ],
    { stdio: 'inherit', cwd: root },
  );
  if (installed.status !== 0) {
    say(`Could not install pnpm ${version} with npm; install it yourself (npm i -g pnpm@${version}).`);
    process.exit(2);
  }
  return local;
}

/** `pnpm install` when node_modules does not match the lockfile (pnpm keeps a copy of it). */
function ensureDependencies(pnpm) {
  const lock = path.join(root, 'pnpm-lock.yaml');
  const installedLock = path.join(root, 'node_modules', '.pnpm', 'lock.yaml');
  if (existsSync(installedLock) && readFileSync(installedLock, 'utf8') === readFileSync(lock, 'utf8')) return;
  say('Installing dependencies (pnpm install) …');
  const result = spawnSync(pnpm, ['install', '--frozen-lockfile'], { stdio: 'inherit', cwd: root });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const TARGETS = {
  start: ['server/src/cli/main.ts', 'start'],
  lookout: ['server/src/cli/main.ts'],
  test: ['scripts/run-tests.ts'],
  'test-engines': ['scripts/test-engines.ts'],
};

checkNode();
const [target, ...args] = process.argv.slice(2);
if (!TARGETS[target]) {
  say(`usage: node scripts/bootstrap.mjs ${Object.keys(TARGETS).join('|')} [args]`);
  process.exit(2);
}
const pnpm = ensurePnpm();
ensureDependencies(pnpm);

const child = spawn(process.execPath, ['--import', 'tsx', ...TARGETS[target], ...args], {
  stdio: 'inherit',
  cwd: root,
  env: { ...process.env, LOOKOUT_PNPM: pnpm },
});
// Ctrl-C reaches the child too (same terminal process group); it decides how to stop. Wait for it.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
