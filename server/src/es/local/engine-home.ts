import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../core/config.ts';

/**
 * The local engine instances with a fixed place: `dev` for `npm start` (port 9200), `test` for
 * `npm test` (9201, wiped each run), `chaos` for the test that kills an engine mid-ingest (9202),
 * so the shared `test` engine is never killed. LOOKOUT_DEV_ES_PORT / LOOKOUT_TEST_ES_PORT /
 * LOOKOUT_CHAOS_ES_PORT move them when a port is taken. Any other name (`--instance os2 --port
 * 9210`) is an instance of its own, which remembers its port and engine.
 */
export const INSTANCES = {
  dev: { port: Number(process.env.LOOKOUT_DEV_ES_PORT ?? 9200) },
  test: { port: Number(process.env.LOOKOUT_TEST_ES_PORT ?? 9201) },
  chaos: { port: Number(process.env.LOOKOUT_CHAOS_ES_PORT ?? 9202) },
} as const;
export type InstanceName = string;

/** A folder name: lower-case letters, digits and dashes. */
export function isInstanceName(value: string): boolean {
  return /^[a-z][a-z0-9-]{0,39}$/.test(value);
}

/** The fixed port of dev, test and chaos; undefined for other instances. */
export function defaultPort(name: InstanceName): number | undefined {
  return Object.hasOwn(INSTANCES, name) ? INSTANCES[name as keyof typeof INSTANCES].port : undefined;
}

/** Whether "others" may enter every folder from / down to `dir` (the engine's user needs that). */
function traversableByOthers(dir: string): boolean {
  for (let current = dir; ; current = path.dirname(current)) {
    try {
      if ((statSync(current).mode & 0o001) === 0) return false;
    } catch {
      // Not created yet: its parent decides.
    }
    if (path.dirname(current) === current) return true;
  }
}

/**
 * Where the engine, its download cache and its data live: `LOOKOUT_HOME`, else `.lookout/` in
 * the repository (git-ignored). When started as root, the engine runs as an unprivileged user
 * who must be able to reach that folder; if a parent folder is closed to others (a clone under
 * /root), it moves to /var/lib/lookout/<checkout hash> instead, and says so.
 */
export function lookoutHome(env: Record<string, string | undefined> = process.env): {
  dir: string;
  moved: boolean;
} {
  if (env.LOOKOUT_HOME) return { dir: path.resolve(env.LOOKOUT_HOME), moved: false };
  const inRepo = path.join(repoRoot, '.lookout');
  const asRoot = process.getuid?.() === 0;
  if (!asRoot || traversableByOthers(inRepo)) return { dir: inRepo, moved: false };
  const hash = createHash('sha256').update(repoRoot).digest('hex').slice(0, 10);
  return { dir: path.join('/var/lib/lookout', hash), moved: true };
}

export interface InstancePaths {
  name: InstanceName;
  port: number;
  url: string;
  root: string;
  data: string;
  logs: string;
  config: string;
  tmp: string;
  pidFile: string;
  /** Which engine the instance last ran, and on which port (instance.json). */
  recordFile: string;
}

export function instancePaths(home: string, name: InstanceName, port: number): InstancePaths {
  const root = path.join(home, 'instances', name);
  return {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    root,
    data: path.join(root, 'data'),
    logs: path.join(root, 'logs'),
    config: path.join(root, 'config'),
    tmp: path.join(root, 'tmp'),
    pidFile: path.join(root, 'engine.pid'),
    recordFile: path.join(root, 'instance.json'),
  };
}
