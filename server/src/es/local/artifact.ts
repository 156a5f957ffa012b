import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Progress } from '../../core/progress.ts';

/**
 * The pinned engine: Elasticsearch's integ-test distribution from Maven Central. It is the real
 * server with only the transport, security and APM modules (no bundled JDK, no painless, no
 * ingest processors, no `GET /`); see docs/local-engine.md for what the boards may use.
 */
export const ES_VERSION = '9.2.0';
export const ES_ARTIFACT = `org.elasticsearch.distribution.integ-test-zip:elasticsearch:${ES_VERSION}:zip`;
/** Size of the pinned zip, for the download bar (Maven itself prints no progress to a pipe). */
const ES_ZIP_BYTES = 99_253_337;

export class MissingToolError extends Error {}

function hasCommand(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** Size of whatever Maven has written so far for the artifact (its temporary file included). */
function bytesDownloaded(dir: string): number {
  if (!existsSync(dir)) return 0;
  return readdirSync(dir)
    .filter((name) => name.startsWith(`elasticsearch-${ES_VERSION}.zip`))
    .reduce((sum, name) => sum + statSync(path.join(dir, name)).size, 0);
}

/**
 * Resolves the zip with `mvn dependency:copy` into `cacheDir` (git-ignored). Maven keeps its own
 * copy in ~/.m2 too, so a second checkout on the same machine does not download again.
 */
export async function resolveArtifact(cacheDir: string, progress: Progress): Promise<string> {
  const zip = path.join(cacheDir, `elasticsearch-${ES_VERSION}.zip`);
  if (existsSync(zip)) return zip;
  if (!hasCommand('mvn')) {
    throw new MissingToolError(
      'Maven (mvn) is needed to fetch the local Elasticsearch: install it (apt-get install maven), ' +
        'or set ES_URL to an existing cluster.',
    );
  }
  mkdirSync(cacheDir, { recursive: true });
  const m2Dir = path.join(
    os.homedir(),
    '.m2/repository/org/elasticsearch/distribution/integ-test-zip/elasticsearch',
    ES_VERSION,
  );
  progress.start(`Downloading Elasticsearch ${ES_VERSION}`, ES_ZIP_BYTES, 'bytes');
  const ticker = setInterval(() => progress.update(bytesDownloaded(m2Dir)), 500);
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve) => {
    const mvn = spawn(
      'mvn',
      ['-B', '-ntp', 'dependency:copy', `-Dartifact=${ES_ARTIFACT}`, `-DoutputDirectory=${cacheDir}`],
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
      `mvn could not resolve ${ES_ARTIFACT}:\n${errors.join('\n') || output.join('').slice(-2000)}`,
    );
  }
  progress.update(statSync(zip).size);
  progress.done(`${(statSync(zip).size / 1_048_576).toFixed(1)} MB`);
  return zip;
}

/** Unpacks the zip once into `engineRoot/elasticsearch-<version>`; an interrupted unpack is redone. */
export function unpackArtifact(zip: string, engineRoot: string, progress: Progress): string {
  const home = path.join(engineRoot, `elasticsearch-${ES_VERSION}`);
  if (existsSync(path.join(home, 'lib'))) return home;
  if (!hasCommand('unzip')) {
    throw new MissingToolError('unzip is needed to unpack the local Elasticsearch: apt-get install unzip');
  }
  const staging = `${engineRoot}/.unpacking`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  progress.start(`Unpacking Elasticsearch ${ES_VERSION}`);
  const result = spawnSync('unzip', ['-q', zip, '-d', staging], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`unzip failed: ${result.stderr}`);
  rmSync(home, { recursive: true, force: true });
  renameSync(path.join(staging, `elasticsearch-${ES_VERSION}`), home);
  rmSync(staging, { recursive: true, force: true });
  progress.done(home);
  return home;
}
