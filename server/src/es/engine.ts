import type { Client } from '@elastic/elasticsearch';

/**
 * Which engine answers, and whether Lookout supports it. Boards never see this: the client sends
 * the same plain-JSON requests to every engine (see client.ts), and the one thing that differs
 * in what Lookout sends — the field type of free-form producer objects — is adapted where index
 * templates are installed (templates.ts).
 */
export type EngineFamily = 'elasticsearch' | 'opensearch';

export interface EngineInfo {
  family: EngineFamily;
  /** As the engine reports it: `9.2.0`, `2.19.6`. */
  version: string;
  major: number;
  minor: number;
  /** `Elasticsearch 9.2.0`, `OpenSearch 2.19.6`. */
  label: string;
}

/** `Elasticsearch 9.2.0`, `OpenSearch 2.19.6`. */
export function engineLabel(family: EngineFamily, version: string): string {
  return `${family === 'opensearch' ? 'OpenSearch' : 'Elasticsearch'} ${version}`;
}

export class UnsupportedEngineError extends Error {}

/** Why Lookout cannot run on this engine, or undefined when it can. */
export function unsupportedReason(engine: EngineInfo): string | undefined {
  if (engine.family === 'elasticsearch' && engine.major < 8) {
    return (
      `${engine.label} is not supported: Lookout needs Elasticsearch 8.x or 9.x ` +
      '(7.x has reached end of life, and lacks the APIs the boards rely on).'
    );
  }
  // flat_object (OpenSearch 2.7) is what keeps producer objects whole and searchable.
  if (engine.family === 'opensearch' && (engine.major < 2 || (engine.major === 2 && engine.minor < 7))) {
    return (
      `${engine.label} is not supported: Lookout needs OpenSearch 2.7 or newer ` +
      '(2.7 added the flat_object field type that holds free-form producer objects such as CloudTrail requestParameters).'
    );
  }
  return undefined;
}

export function engineInfo(family: EngineFamily, version: string): EngineInfo {
  const [major = 0, minor = 0] = version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  return { family, version, major, minor, label: engineLabel(family, version) };
}

interface NodesInfoBody {
  nodes?: Record<string, { version?: string }>;
}
interface RootBody {
  version?: { number?: string; distribution?: string };
}
type RequestOptions = { requestTimeout?: number; maxRetries?: number };

/**
 * Elasticsearch (7.14 and newer) marks every answer with `x-elastic-product: Elasticsearch`;
 * OpenSearch never does, and its versions are 1–3, where Elasticsearch's supported ones are 8–9.
 * An engine without the header at version 7 is an old Elasticsearch (or Amazon's "Elasticsearch
 * 7.10" domains), which the support check then refuses.
 */
function familyOf(headers: Record<string, unknown>, version: string, distribution?: string): EngineFamily {
  if (headers['x-elastic-product'] === 'Elasticsearch') return 'elasticsearch';
  if (distribution === 'opensearch') return 'opensearch';
  return engineInfo('opensearch', version).major <= 3 ? 'opensearch' : 'elasticsearch';
}

/**
 * Asks the engine what it is. The local node's info is what every engine answers (Elasticsearch's
 * integ-test distribution has no `GET /`); a user whose credentials may not read node info
 * (`monitor`) gets the answer from `GET /` instead (Amazon OpenSearch Service allows it to any
 * authenticated user). Undefined when neither answers with a version.
 */
export async function detectEngine(
  client: Client,
  options: RequestOptions = {},
): Promise<EngineInfo | undefined> {
  try {
    const answer = await client.transport.request<NodesInfoBody>(
      {
        method: 'GET',
        path: '/_nodes/_local',
        querystring: { filter_path: 'nodes.*.version' },
      },
      { ...options, meta: true },
    );
    const version = Object.values(answer.body.nodes ?? {})[0]?.version;
    if (version) return engineInfo(familyOf(answer.headers, version), version);
  } catch (error) {
    if (!isRefusal(error)) throw error;
  }
  try {
    const answer = await client.transport.request<RootBody>(
      { method: 'GET', path: '/' },
      { ...options, meta: true },
    );
    const version = answer.body.version?.number;
    if (version) {
      return engineInfo(familyOf(answer.headers, version, answer.body.version?.distribution), version);
    }
  } catch (error) {
    if (!isRefusal(error)) throw error;
  }
  return undefined;
}

/** An answer that says "not for you" (403, or 404/405 where an engine lacks the API), not an outage. */
function isRefusal(error: unknown): boolean {
  const status = (error as { statusCode?: number } | undefined)?.statusCode;
  return status !== undefined && status >= 400 && status < 500;
}

const known = new WeakMap<Client, Promise<EngineInfo | undefined>>();

/**
 * The engine behind a client, asked once and remembered. A failed detection (engine unreachable)
 * is forgotten, so the next call asks again; `rememberEngine` replaces the answer after a
 * reconnect (the health check does that), in case the cluster behind the URL was upgraded.
 */
export function engineOf(client: Client): Promise<EngineInfo | undefined> {
  let detection = known.get(client);
  if (!detection) {
    detection = detectEngine(client);
    known.set(client, detection);
    detection.catch(() => known.delete(client));
  }
  return detection;
}

export function rememberEngine(client: Client, engine: EngineInfo | undefined): void {
  known.set(client, Promise.resolve(engine));
}

/**
 * At start: the engine, or a clear error when Lookout does not support it. An engine that cannot
 * be asked (unreachable, or credentials without `monitor`) is not an error here: the BFF starts,
 * `/api/health` says what is wrong, and detection runs again on the next health check.
 */
export async function checkEngineSupported(client: Client): Promise<EngineInfo | undefined> {
  let engine: EngineInfo | undefined;
  try {
    engine = await engineOf(client);
  } catch {
    return undefined;
  }
  const reason = engine && unsupportedReason(engine);
  if (reason) throw new UnsupportedEngineError(reason);
  return engine;
}
