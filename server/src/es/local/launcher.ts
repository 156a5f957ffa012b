import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  closeSync,
} from 'node:fs';
import path from 'node:path';
import type { Progress } from '../../core/progress.ts';
import { engineLabel } from '../engine.ts';
import { MissingToolError, resolveArtifact, unpackArtifact } from './artifact.ts';
import {
  defaultPort,
  instancePaths,
  lookoutHome,
  type InstanceName,
  type InstancePaths,
} from './engine-home.ts';
import { localEngine, type LocalEngine } from './engines.ts';
import { describeRange, pickJdk, type Jdk } from './jdk.ts';
import { chownRecursive, ensureEngineUser, ENGINE_USER } from './system-user.ts';

/**
 * Heap for this 2-core, 24 GiB machine: 2 GiB holds the benchmark scales (a few million
 * documents) with room left for the BFF, Chromium and the OS cache Lucene relies on.
 */
const DEFAULT_HEAP = '2g';
// OpenSearch 3.6.0 took 135 s to answer on this 2-core machine under heavy load (15–75 s when idle).
const READY_TIMEOUT_MS = 300_000;

export interface EngineStatus {
  instance: InstanceName;
  url: string;
  pid?: number;
  running: boolean;
  /** What answers on the port: `OpenSearch 2.19.6`. */
  engine?: string;
  clusterStatus?: string;
  dataDir: string;
}

/** Raised for a request that cannot be met as asked (the CLI prints it without a stack). */
export class InstanceError extends Error {}

interface InstanceRecord {
  engine: string;
  port: number;
}

function readRecord(home: string, instance: InstanceName): InstanceRecord | undefined {
  const file = instancePaths(home, instance, 0).recordFile;
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as InstanceRecord;
}

/** dev, test and chaos have fixed ports; another instance keeps the port it was first started on. */
function resolvePaths(instance: InstanceName, port?: number): InstancePaths {
  const home = lookoutHome().dir;
  const resolved = port ?? defaultPort(instance) ?? readRecord(home, instance)?.port;
  if (resolved === undefined) {
    throw new InstanceError(`instance "${instance}" has not been started before: give it a --port`);
  }
  return instancePaths(home, instance, resolved);
}

function readPid(paths: InstancePaths): number | undefined {
  // An engine started before instances could run OpenSearch wrote elasticsearch.pid.
  const file = [paths.pidFile, path.join(paths.root, 'elasticsearch.pid')].find((candidate) =>
    existsSync(candidate),
  );
  if (!file) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function alive(pid: number | undefined): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function clusterHealth(url: string, waitForYellow = false): Promise<{ status: string } | undefined> {
  const query = waitForYellow ? '?wait_for_status=yellow&timeout=1s' : '';
  try {
    const response = await fetch(`${url}/_cluster/health${query}`, { signal: AbortSignal.timeout(3_000) });
    return response.ok ? ((await response.json()) as { status: string }) : undefined;
  } catch {
    return undefined;
  }
}

/** `Elasticsearch 9.2.0` / `OpenSearch 2.19.6`: only Elasticsearch marks its answers with x-elastic-product. */
async function runningEngine(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(`${url}/_nodes/_local?filter_path=nodes.*.version`, {
      signal: AbortSignal.timeout(3_000),
    });
    const body = (await response.json()) as { nodes?: Record<string, { version: string }> };
    const version = Object.values(body.nodes ?? {})[0]?.version;
    if (!version) return undefined;
    const family =
      response.headers.get('x-elastic-product') === 'Elasticsearch' ? 'elasticsearch' : 'opensearch';
    return engineLabel(family, version);
  } catch {
    return undefined;
  }
}

function engineSettings(engine: LocalEngine, paths: InstancePaths): string {
  return [
    `cluster.name: lookout-${paths.name}`,
    `node.name: lookout-${paths.name}`,
    `path.data: ${paths.data}`,
    `path.logs: ${paths.logs}`,
    'network.host: 127.0.0.1',
    `http.port: ${paths.port}`,
    // No fixed transport port: the default range (9300-9400) takes the first free one, so the
    // two instances and any other local node never collide.
    'discovery.type: single-node',
    // A local, loopback-only engine for development and tests; issue #7 covers a secured one.
    // OpenSearch refuses xpack.* settings; its integ-test zip has no security plugin to turn off.
    ...(engine.family === 'elasticsearch' ? ['xpack.security.enabled: false'] : []),
    // Disk watermarks would turn indices read-only on a nearly full developer disk.
    'cluster.routing.allocation.disk.threshold_enabled: false',
    'action.destructive_requires_name: true',
    '',
  ].join('\n');
}

/**
 * jvm.options names its GC log, error file and heap dumps relative to the working folder, and
 * OpenSearch's start script moves into the engine's home (shared, owned by root): point them
 * into the instance.
 */
function instanceJvmOptions(options: string, paths: InstancePaths): string {
  return options
    .replaceAll('file=logs/', `file=${paths.logs}/`)
    .replaceAll('-XX:ErrorFile=logs/', `-XX:ErrorFile=${paths.logs}/`)
    .replace(/-XX:HeapDumpPath=data$/m, `-XX:HeapDumpPath=${paths.data}`);
}

/** The engine's own config folder (jvm.options, log4j2, OpenSearch 3's FIPS policy…), then our settings. */
function writeInstanceConfig(engine: LocalEngine, home: string, paths: InstancePaths): void {
  for (const dir of [paths.data, paths.logs, paths.tmp]) mkdirSync(dir, { recursive: true });
  rmSync(paths.config, { recursive: true, force: true });
  cpSync(path.join(home, 'config'), paths.config, { recursive: true });
  const jvmOptions = path.join(paths.config, 'jvm.options');
  writeFileSync(jvmOptions, instanceJvmOptions(readFileSync(jvmOptions, 'utf8'), paths));
  writeFileSync(path.join(paths.config, `${engine.family}.yml`), engineSettings(engine, paths));
  const record: InstanceRecord = { engine: engine.id, port: paths.port };
  writeFileSync(paths.recordFile, `${JSON.stringify(record)}\n`);
}

/** Downloads (once) and unpacks (once) the pinned engine; returns its home folder. */
export async function ensureEngineInstalled(engine: LocalEngine, progress: Progress): Promise<string> {
  const { dir, moved } = lookoutHome();
  if (moved) progress.log(`Local engines live in ${dir} (the checkout is not reachable by ${ENGINE_USER}).`);
  const zip = await resolveArtifact(engine, path.join(dir, 'cache'), progress);
  return unpackArtifact(engine, zip, path.join(dir, 'engine'), progress);
}

export async function engineStatus(instance: InstanceName, port?: number): Promise<EngineStatus> {
  const paths = resolvePaths(instance, port);
  const pid = readPid(paths);
  const health = await clusterHealth(paths.url);
  return {
    instance,
    url: paths.url,
    pid: alive(pid) ? pid : undefined,
    running: health !== undefined,
    engine: health ? await runningEngine(paths.url) : undefined,
    clusterStatus: health?.status,
    dataDir: paths.data,
  };
}

/** What each engine's start script reads: Elasticsearch's ES_* or OpenSearch's OPENSEARCH_* variables. */
function engineEnvironment(engine: LocalEngine, jdk: Jdk, paths: InstancePaths): Record<string, string> {
  const heap = process.env.LOOKOUT_ES_HEAP ?? DEFAULT_HEAP;
  const prefix = engine.family === 'opensearch' ? 'OPENSEARCH' : 'ES';
  return {
    [`${prefix}_JAVA_HOME`]: jdk.home,
    [`${prefix}_PATH_CONF`]: paths.config,
    [`${prefix}_TMPDIR`]: paths.tmp,
    [`${prefix}_JAVA_OPTS`]: `-Xms${heap} -Xmx${heap}`,
  };
}

function chooseJdk(engine: LocalEngine): Jdk {
  const javaHomeVariable = engine.family === 'opensearch' ? 'OPENSEARCH_JAVA_HOME' : 'ES_JAVA_HOME';
  const { jdk, seen } = pickJdk(engine.java, [javaHomeVariable, 'JAVA_HOME']);
  if (jdk) return jdk;
  const found = seen.map((candidate) => `${candidate.home} (Java ${candidate.major})`).join(', ') || 'none';
  throw new MissingToolError(
    `${engineLabel(engine.family, engine.version)} needs ${describeRange(engine.java)}; found: ${found}. ` +
      `Install one under /usr/lib/jvm and/or set ${javaHomeVariable}, or set ES_URL to an existing cluster.`,
  );
}

/**
 * The engine to start: the one asked for, else the one the instance ran last (its data is in that
 * engine's format), else LOOKOUT_ENGINE, else Elasticsearch 9. Data written by one engine is not
 * handed to another: that needs --fresh (or another instance).
 */
function chooseEngine(instance: InstanceName, paths: InstancePaths, options: StartOptions): LocalEngine {
  const recorded = existsSync(paths.recordFile) ? readRecord(lookoutHome().dir, instance) : undefined;
  const engine = localEngine(options.engine ?? (options.fresh ? undefined : recorded?.engine));
  const hasData = existsSync(paths.data) && readdirSync(paths.data).length > 0;
  if (hasData && recorded && recorded.engine !== engine.id && !options.fresh) {
    throw new InstanceError(
      `instance "${instance}" holds data written by ${recorded.engine}; start it with --fresh to ` +
        `wipe that data, or use another --instance for ${engine.id}`,
    );
  }
  return engine;
}

export interface StartResult extends EngineStatus {
  /** False when an engine was already answering on that port: the caller must not stop it. */
  startedNow: boolean;
}

export interface StartOptions {
  /** Wipe the instance's data first (the test instance, so counts in tests are exact). */
  fresh?: boolean;
  /** `opensearch@2.19.6`; see engines.ts. */
  engine?: string;
  /** Required the first time for an instance other than dev, test and chaos. */
  port?: number;
}

/** Starts the instance in the background and waits until the cluster is at least yellow. */
export async function startEngine(
  instance: InstanceName,
  progress: Progress,
  options: StartOptions = {},
): Promise<StartResult> {
  const paths = resolvePaths(instance, options.port);
  const engine = chooseEngine(instance, paths, options);
  const label = engineLabel(engine.family, engine.version);
  const before = await engineStatus(instance, paths.port);
  if (before.running && before.pid === undefined) {
    throw new InstanceError(
      `${before.engine ?? 'an engine'} not started from this checkout already answers on ${paths.url}; ` +
        'stop it, or set ES_URL to use it as it is',
    );
  }
  if (before.running && !options.fresh && before.engine === label) {
    progress.log(`${label} (${instance}) already running at ${paths.url}`);
    return { ...before, startedNow: false };
  }
  if (before.running) await stopEngine(instance, progress);

  const jdk = chooseJdk(engine);
  const home = await ensureEngineInstalled(engine, progress);
  if (options.fresh) rmSync(paths.data, { recursive: true, force: true });
  writeInstanceConfig(engine, home, paths);

  const asRoot = process.getuid?.() === 0;
  const ids = asRoot ? ensureEngineUser() : undefined;
  if (ids) chownRecursive(paths.root, ids);

  const out = openSync(path.join(paths.logs, 'stdout.log'), 'a');
  const child = spawn(path.join(home, 'bin', engine.family), [], {
    detached: true,
    stdio: ['ignore', out, out],
    uid: ids?.uid,
    gid: ids?.gid,
    cwd: paths.root,
    env: {
      PATH: process.env.PATH,
      LANG: 'C.UTF-8',
      HOME: paths.root,
      ...engineEnvironment(engine, jdk, paths),
    },
  });
  closeSync(out);
  child.unref();
  writeFileSync(paths.pidFile, String(child.pid));

  progress.start(`Starting ${label} (${instance}, Java ${jdk.major}) on ${paths.url}`, undefined, 's');
  const startedAt = Date.now();
  for (;;) {
    const health = await clusterHealth(paths.url, true);
    if (health && health.status !== 'red') break;
    if (!alive(child.pid)) {
      throw new Error(`${label} exited during start; last log lines:\n${logTail(paths)}`);
    }
    if (Date.now() - startedAt > READY_TIMEOUT_MS) {
      throw new Error(
        `${label} not ready after ${READY_TIMEOUT_MS / 1000} s; see ${paths.logs}\n${logTail(paths)}`,
      );
    }
    progress.update(Math.round((Date.now() - startedAt) / 1000));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  progress.done(`ready in ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
  return { ...(await engineStatus(instance, paths.port)), startedNow: true };
}

function logTail(paths: InstancePaths): string {
  const file = path.join(paths.logs, 'stdout.log');
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').split('\n').slice(-25).join('\n');
}

/** Asks the engine to shut down (SIGTERM: a clean stop that flushes), then waits for it. */
export async function stopEngine(instance: InstanceName, progress: Progress): Promise<boolean> {
  const paths = resolvePaths(instance);
  const pid = readPid(paths);
  if (!alive(pid)) {
    rmSync(paths.pidFile, { force: true });
    rmSync(path.join(paths.root, 'elasticsearch.pid'), { force: true });
    return false;
  }
  const recorded = readRecord(lookoutHome().dir, instance);
  progress.start(`Stopping ${recorded?.engine ?? 'the engine'} (${instance})`);
  process.kill(pid!, 'SIGTERM');
  const deadline = Date.now() + 60_000;
  while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
  if (alive(pid)) {
    // The CLI launcher leads its own process group (detached), so this reaches the server JVM too.
    process.kill(-pid!, 'SIGKILL');
  }
  rmSync(paths.pidFile, { force: true });
  rmSync(path.join(paths.root, 'elasticsearch.pid'), { force: true });
  progress.done('stopped');
  return true;
}
