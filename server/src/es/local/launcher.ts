import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  closeSync,
} from 'node:fs';
import path from 'node:path';
import type { Progress } from '../../core/progress.ts';
import { ES_VERSION, MissingToolError, resolveArtifact, unpackArtifact } from './artifact.ts';
import { instancePaths, lookoutHome, type InstanceName, type InstancePaths } from './engine-home.ts';
import { MIN_JAVA_MAJOR, pickJdk } from './jdk.ts';
import { chownRecursive, ensureEngineUser, ENGINE_USER } from './system-user.ts';

/**
 * Heap for this 2-core, 24 GiB machine: 2 GiB holds the benchmark scales (a few million
 * documents) with room left for the BFF, Chromium and the OS cache Lucene relies on.
 */
const DEFAULT_HEAP = '2g';
const READY_TIMEOUT_MS = 180_000;

export interface EngineStatus {
  instance: InstanceName;
  url: string;
  pid?: number;
  running: boolean;
  version?: string;
  clusterStatus?: string;
  dataDir: string;
}

function readPid(paths: InstancePaths): number | undefined {
  if (!existsSync(paths.pidFile)) return undefined;
  const pid = Number(readFileSync(paths.pidFile, 'utf8').trim());
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

async function nodeVersion(url: string): Promise<string | undefined> {
  try {
    const response = await fetch(`${url}/_nodes/_local?filter_path=nodes.*.version`, {
      signal: AbortSignal.timeout(3_000),
    });
    const body = (await response.json()) as { nodes?: Record<string, { version: string }> };
    return Object.values(body.nodes ?? {})[0]?.version;
  } catch {
    return undefined;
  }
}

function engineSettings(paths: InstancePaths): string {
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
    'xpack.security.enabled: false',
    // Disk watermarks would turn indices read-only on a nearly full developer disk.
    'cluster.routing.allocation.disk.threshold_enabled: false',
    'action.destructive_requires_name: true',
    '',
  ].join('\n');
}

function writeInstanceConfig(home: string, paths: InstancePaths): void {
  for (const dir of [paths.data, paths.logs, paths.config, paths.tmp]) mkdirSync(dir, { recursive: true });
  for (const file of ['jvm.options', 'log4j2.properties']) {
    copyFileSync(path.join(home, 'config', file), path.join(paths.config, file));
  }
  writeFileSync(path.join(paths.config, 'elasticsearch.yml'), engineSettings(paths));
}

/** Downloads (once) and unpacks (once) the pinned engine; returns its home folder. */
export async function ensureEngineInstalled(progress: Progress): Promise<string> {
  const { dir, moved } = lookoutHome();
  if (moved)
    progress.log(`Local Elasticsearch lives in ${dir} (the checkout is not reachable by ${ENGINE_USER}).`);
  const zip = await resolveArtifact(path.join(dir, 'cache'), progress);
  return unpackArtifact(zip, path.join(dir, 'engine'), progress);
}

export async function engineStatus(instance: InstanceName): Promise<EngineStatus> {
  const paths = instancePaths(lookoutHome().dir, instance);
  const pid = readPid(paths);
  const health = await clusterHealth(paths.url);
  return {
    instance,
    url: paths.url,
    pid: alive(pid) ? pid : undefined,
    running: health !== undefined,
    version: health ? await nodeVersion(paths.url) : undefined,
    clusterStatus: health?.status,
    dataDir: paths.data,
  };
}

export interface StartResult extends EngineStatus {
  /** False when an engine was already answering on that port: the caller must not stop it. */
  startedNow: boolean;
}

/**
 * Starts the instance in the background and waits until the cluster is at least yellow.
 * `fresh` wipes its data first (the test instance, so counts in tests are exact).
 */
export async function startEngine(
  instance: InstanceName,
  progress: Progress,
  options: { fresh?: boolean } = {},
): Promise<StartResult> {
  const paths = instancePaths(lookoutHome().dir, instance);
  const before = await engineStatus(instance);
  if (before.running && !options.fresh) {
    progress.log(`Elasticsearch (${instance}) already running at ${paths.url}`);
    return { ...before, startedNow: false };
  }
  if (before.running && before.pid === undefined) {
    throw new Error(
      `an Elasticsearch not started from this checkout already answers on ${paths.url}; ` +
        'stop it, or set ES_URL to use it as it is',
    );
  }
  if (before.running) await stopEngine(instance, progress);

  const { jdk, seen } = pickJdk();
  if (!jdk) {
    const found = seen.map((candidate) => `${candidate.home} (Java ${candidate.major})`).join(', ') || 'none';
    throw new MissingToolError(
      `Elasticsearch ${ES_VERSION} needs Java ${MIN_JAVA_MAJOR} or newer; found: ${found}. ` +
        'Install one (e.g. a Temurin 21/25 JDK under /usr/lib/jvm) and/or set ES_JAVA_HOME, or set ES_URL to an existing cluster.',
    );
  }
  const home = await ensureEngineInstalled(progress);
  if (options.fresh) rmSync(paths.data, { recursive: true, force: true });
  writeInstanceConfig(home, paths);

  const asRoot = process.getuid?.() === 0;
  const ids = asRoot ? ensureEngineUser() : undefined;
  if (ids) chownRecursive(paths.root, ids);

  const out = openSync(path.join(paths.logs, 'stdout.log'), 'a');
  const child = spawn(path.join(home, 'bin', 'elasticsearch'), [], {
    detached: true,
    stdio: ['ignore', out, out],
    uid: ids?.uid,
    gid: ids?.gid,
    cwd: paths.root,
    env: {
      PATH: process.env.PATH,
      LANG: 'C.UTF-8',
      HOME: paths.root,
      ES_JAVA_HOME: jdk.home,
      ES_PATH_CONF: paths.config,
      ES_TMPDIR: paths.tmp,
      ES_JAVA_OPTS: `-Xms${process.env.LOOKOUT_ES_HEAP ?? DEFAULT_HEAP} -Xmx${process.env.LOOKOUT_ES_HEAP ?? DEFAULT_HEAP}`,
    },
  });
  closeSync(out);
  child.unref();
  writeFileSync(paths.pidFile, String(child.pid));

  progress.start(
    `Starting Elasticsearch ${ES_VERSION} (${instance}, Java ${jdk.major}) on ${paths.url}`,
    undefined,
    's',
  );
  const startedAt = Date.now();
  for (;;) {
    const health = await clusterHealth(paths.url, true);
    if (health && health.status !== 'red') break;
    if (!alive(child.pid)) {
      throw new Error(`Elasticsearch exited during start; last log lines:\n${logTail(paths)}`);
    }
    if (Date.now() - startedAt > READY_TIMEOUT_MS) {
      throw new Error(
        `Elasticsearch not ready after ${READY_TIMEOUT_MS / 1000} s; see ${paths.logs}\n${logTail(paths)}`,
      );
    }
    progress.update(Math.round((Date.now() - startedAt) / 1000));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  progress.done(`ready in ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);
  return { ...(await engineStatus(instance)), startedNow: true };
}

function logTail(paths: InstancePaths): string {
  const file = path.join(paths.logs, 'stdout.log');
  if (!existsSync(file)) return '(no log)';
  return readFileSync(file, 'utf8').split('\n').slice(-25).join('\n');
}

/** Asks the engine to shut down (SIGTERM: a clean stop that flushes), then waits for it. */
export async function stopEngine(instance: InstanceName, progress: Progress): Promise<boolean> {
  const paths = instancePaths(lookoutHome().dir, instance);
  const pid = readPid(paths);
  if (!alive(pid)) {
    rmSync(paths.pidFile, { force: true });
    return false;
  }
  progress.start(`Stopping Elasticsearch (${instance})`);
  process.kill(pid!, 'SIGTERM');
  const deadline = Date.now() + 60_000;
  while (alive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
  if (alive(pid)) {
    // The CLI launcher leads its own process group (detached), so this reaches the server JVM too.
    process.kill(-pid!, 'SIGKILL');
  }
  rmSync(paths.pidFile, { force: true });
  progress.done('stopped');
  return true;
}
