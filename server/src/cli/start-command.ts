import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadConfig, redactedUrl, type Config } from '../app/config.ts';
import { repoRoot } from '../core/config.ts';
import { terminalProgress, type Progress } from '../core/progress.ts';
import { createEsWriter } from '../es/client.ts';
import { checkEngineSupported } from '../es/engine.ts';
import { startEngine, stopEngine } from '../es/local/launcher.ts';
import { buildApp } from '../app/build-app.ts';
import { boards } from '../app/boards.ts';
import { installAllTemplates } from './setup-command.ts';
import { parseSeedOptions, seedBoards } from './seed-command.ts';

function newestMtime(target: string): number {
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce(
    (newest, name) => Math.max(newest, newestMtime(path.join(target, name))),
    stat.mtimeMs,
  );
}

/** Builds the SPA unless web/dist is newer than every source file. */
function buildSpa(config: Config, progress: Progress): void {
  const webDir = path.join(repoRoot, 'web');
  const builtIndex = path.join(config.webDist ?? path.join(webDir, 'dist'), 'index.html');
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((name) =>
    path.join(webDir, name),
  );
  const sourceTime = Math.max(...sources.filter((file) => existsSync(file)).map(newestMtime));
  if (existsSync(builtIndex) && statSync(builtIndex).mtimeMs > sourceTime) {
    progress.log('SPA is up to date.');
    return;
  }
  progress.start('Building the SPA (vite)');
  const result = spawnSync(process.env.LOOKOUT_PNPM ?? 'pnpm', ['--filter', '@lookout/web', 'build'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`SPA build failed:\n${result.stdout}\n${result.stderr}`);
  progress.done('built');
}

/**
 * `npm start`: local engine (unless ES_URL), templates, demo data when the cluster has no
 * Lookout data yet, SPA build, then SPA + API. Ctrl-C stops what this command started.
 */
export async function startCommand(): Promise<number> {
  const config = loadConfig();
  const progress = terminalProgress();
  let stopLocalEngine = false;
  if (config.es.local) {
    const engine = await startEngine('dev', progress);
    stopLocalEngine = engine.startedNow;
  }
  const shutdownEngine = async () => {
    if (stopLocalEngine) await stopEngine('dev', progress);
  };

  try {
    const client = createEsWriter(config.es);
    try {
      const engine = await checkEngineSupported(client);
      if (engine) progress.log(`Engine: ${engine.label} at ${redactedUrl(config.es.url)}`);
      await installAllTemplates(client, config);
      const empty = [];
      for (const board of boards) {
        if (board.demo && !(await board.demo.hasData(client, config))) empty.push(board);
      }
      if (empty.length > 0) {
        progress.log(`Loading demo data for: ${empty.map((board) => board.name).join(', ')}`);
        await seedBoards(client, config, empty, parseSeedOptions({}, new Date()), progress);
      }
    } finally {
      await client.close();
    }
    buildSpa(config, progress);
  } catch (error) {
    await shutdownEngine();
    throw error;
  }

  const app = await buildApp(config, {
    logger: { level: config.logLevel === 'info' ? 'warn' : config.logLevel },
  });
  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    progress.log(`\n${signal}: stopping Lookout${stopLocalEngine ? ' and the local engine' : ''}…`);
    await app.close();
    await shutdownEngine();
    process.exit(0);
  };
  process.on('SIGINT', () => void close('SIGINT'));
  process.on('SIGTERM', () => void close('SIGTERM'));
  await app.listen({ host: config.http.host, port: config.http.port });
  const shownHost = config.http.host.includes(':') ? `[${config.http.host}]` : config.http.host;
  progress.log(`\nLookout is ready: http://${shownHost}:${config.http.port}  (Ctrl-C to stop)`);
  // Keep running until a signal arrives.
  return new Promise<number>(() => {});
}
