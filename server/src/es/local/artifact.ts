import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Progress } from '../../core/progress.ts';
import { artifactBaseName, type LocalEngine } from './engines.ts';
import { engineLabel } from '../engine.ts';

export class MissingToolError extends Error {}

function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Size of whatever Maven has written so far for the artifact (its temporary file included). */
function bytesDownloaded(dir: string, zipName: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir)
    .filter((name) => name.startsWith(zipName))
    .reduce((sum, name) => sum + statSync(path.join(dir, name)).size, 0);
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Throws (and deletes the file, so the next start downloads again) when the zip is not the pinned one. */
export async function verifyArtifact(zip: string, engine: LocalEngine): Promise<void> {
  const actual = await sha256Of(zip);
  if (actual === engine.sha256) return;
  rmSync(zip, { force: true });
  throw new Error(
    `${path.basename(zip)} does not match its pinned sha256 (expected ${engine.sha256}, got ${actual}); ` +
      'deleted it. If the copy in ~/.m2 is damaged too, delete that one and start again.',
  );
}

/**
 * Resolves the zip with `mvn dependency:copy` into `cacheDir` (git-ignored) and checks it against
 * the pinned sha256. Maven keeps its own copy in ~/.m2 too, so a second checkout on the same
 * machine does not download again.
 */
export async function resolveArtifact(
  engine: LocalEngine,
  cacheDir: string,
  progress: Progress,
): Promise<string> {
  const zipName = `${artifactBaseName(engine)}.zip`;
  const zip = path.join(cacheDir, zipName);
  if (existsSync(zip)) return zip;
  const label = engineLabel(engine.family, engine.version);
  if (!hasCommand('mvn')) {
    throw new MissingToolError(
      `Maven (mvn) is needed to fetch the local ${label}: install it (apt-get install maven), ` +
        'or set ES_URL to an existing cluster.',
    );
  }
  mkdirSync(cacheDir, { recursive: true });
  const [groupId, artifactId, version] = engine.artifact.split(':') as [string, string, string];
  const m2Dir = path.join(os.homedir(), '.m2/repository', ...groupId.split('.'), artifactId, version);
  progress.start(`Downloading ${label}`, engine.zipBytes, 'bytes');
  const ticker = setInterval(() => progress.update(bytesDownloaded(m2Dir, zipName)), 500);
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve) => {
    const mvn = spawn(
      'mvn',
      ['-B', '-ntp', 'dependency:copy', `-Dartifact=${engine.artifact}`, `-DoutputDirectory=${cacheDir}`],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    mvn.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    mvn.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    mvn.on('close', resolve);
    mvn.on('error', () => resolve(-1));
  });
  clearInterval(ticker);
  if (code !== 0 || !existsSync(zip)) {
    const errors = output
      .join('')
      .split('\n')
      .filter((line) => line.includes('ERROR'))
      .slice(0, 8);
    throw new Error(
      `mvn could not resolve ${engine.artifact}:\n${errors.join('\n') || output.join('').slice(-2000)}`,
    );
  }
  progress.update(statSync(zip).size);
  progress.done(`${(statSync(zip).size / 1_048_576).toFixed(1)} MB`);
  return zip;
}

/**
 * Unpacks the zip once into `engineRoot/<family>-<version>`, after checking its sha256; an
 * interrupted unpack is redone.
 */
export async function unpackArtifact(
  engine: LocalEngine,
  zip: string,
  engineRoot: string,
  progress: Progress,
): Promise<string> {
  const base = artifactBaseName(engine);
  const home = path.join(engineRoot, base);
  if (existsSync(path.join(home, 'lib'))) return home;
  const label = engineLabel(engine.family, engine.version);
  if (!hasCommand('unzip')) {
    throw new MissingToolError(`unzip is needed to unpack the local ${label}: apt-get install unzip`);
  }
  progress.start(`Checking ${path.basename(zip)} (sha256)`);
  await verifyArtifact(zip, engine);
  progress.done('matches the pinned checksum');
  const staging = `${engineRoot}/.unpacking`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  progress.start(`Unpacking ${label}`);
  const result = spawnSync('unzip', ['-q', zip, '-d', staging], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`unzip failed: ${result.stderr}`);
  rmSync(home, { recursive: true, force: true });
  renameSync(path.join(staging, base), home);
  rmSync(staging, { recursive: true, force: true });
  progress.done(home);
  return home;
}
