import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { isIP } from 'node:net';

/** Root of the repository (server/src/core → ../../..), for the local engine and the built SPA. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

export const DEFAULT_LOCAL_ES_URL = 'http://127.0.0.1:9200';

export interface EsAuth {
  apiKey?: string;
  username?: string;
  password?: string;
}

export interface Config {
  es: {
    url: string;
    /** True when ES_URL is not set: Lookout runs (or expects) its own local engine. */
    local: boolean;
    auth: EsAuth;
    caCertPath?: string;
    /** Client-side limit for one Elasticsearch request. */
    requestTimeoutMs: number;
  };
  http: { host: string; port: number };
  cloudtrail: {
    /** Daily indices are `<prefix>YYYY.MM.DD`; existing clusters commonly use `ct-`. */
    indexPrefix: string;
    /** Source networks that are not "unknown" on the CloudTrail board. */
    knownCidrs: string[];
  };
  images: {
    /** The one index (or alias) of image metadata; `_id` is the producer's image id. */
    index: string;
    /**
     * Vision tags scoring below this are stored but not counted by default. It is applied at
     * ingest (`tags_counted`), so changing it needs a re-ingest; `?minScore=` is always exact.
     */
    minScore: number;
  };
  logLevel: string;
  /** Built SPA to serve; absent in API-only runs (tests that do not need the web). */
  webDist?: string;
}

/** A configuration error always names the variable that is wrong. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function nonEmpty(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `expected a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function esUrl(env: Env): string {
  const raw = nonEmpty(env, 'ES_URL');
  if (raw === undefined) return DEFAULT_LOCAL_ES_URL;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError('ES_URL', `not a URL: "${raw}" (expected e.g. https://es.example.org:9200)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError('ES_URL', `must start with http:// or https://, got "${url.protocol}"`);
  }
  return raw;
}

function esAuth(env: Env): EsAuth {
  const apiKey = nonEmpty(env, 'ES_API_KEY');
  const username = nonEmpty(env, 'ES_USERNAME');
  const password = env.ES_PASSWORD;
  if (apiKey && (username || password)) {
    throw new ConfigError('ES_API_KEY', 'set either ES_API_KEY or ES_USERNAME/ES_PASSWORD, not both');
  }
  if (username && !password) throw new ConfigError('ES_PASSWORD', 'required when ES_USERNAME is set');
  if (password && !username) throw new ConfigError('ES_USERNAME', 'required when ES_PASSWORD is set');
  return apiKey ? { apiKey } : username ? { username, password } : {};
}

function caCert(env: Env): string | undefined {
  const file = nonEmpty(env, 'ES_CA_CERT');
  if (file !== undefined && !existsSync(file)) throw new ConfigError('ES_CA_CERT', `no such file: ${file}`);
  return file;
}

/** An index prefix safe to append a date to and to use with `*`. */
function indexPrefix(env: Env, name: string, fallback: string): string {
  const value = nonEmpty(env, name) ?? fallback;
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(value)) {
    throw new ConfigError(
      name,
      `index prefixes are lowercase letters, digits, ".", "_" or "-"; got "${value}"`,
    );
  }
  return value;
}

/** An index name or alias: lowercase, no wildcard (documents are written to it). */
function indexName(env: Env, name: string, fallback: string): string {
  const value = nonEmpty(env, name) ?? fallback;
  if (!/^[a-z0-9][a-z0-9._-]*$/.test(value)) {
    throw new ConfigError(name, `index names are lowercase letters, digits, ".", "_" or "-"; got "${value}"`);
  }
  return value;
}

function fraction(env: Env, name: string, fallback: number): number {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!/^(?:0|1|0?\.\d+|1\.0*)$/.test(raw) || value > 1) {
    throw new ConfigError(name, `expected a number between 0 and 1 such as 0.6, got "${raw}"`);
  }
  return value;
}

/** Private and loopback networks: what is "known" when KNOWN_CIDRS is not set. */
export const DEFAULT_KNOWN_CIDRS = [
  '10.0.0.0/8',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '127.0.0.0/8',
  'fc00::/7',
  '::1/128',
];

function cidrList(env: Env, name: string, fallback: string[]): string[] {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  return raw.split(',').map((entry) => {
    const cidr = entry.trim();
    const [address = '', prefix, extra] = cidr.split('/');
    const family = isIP(address);
    const bits = family === 4 ? 32 : 128;
    const prefixOk = prefix !== undefined && /^\d+$/.test(prefix) && Number(prefix) <= bits;
    if (family === 0 || !prefixOk || extra !== undefined) {
      throw new ConfigError(name, `"${cidr}" is not a CIDR such as 10.0.0.0/8 or 2001:db8::/32`);
    }
    return cidr;
  });
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads and validates the whole configuration at boot, so a bad variable fails fast and by name. */
export function loadConfig(env: Env = process.env): Config {
  const logLevel = nonEmpty(env, 'LOG_LEVEL') ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `expected one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  // Resolved now: a relative WEB_DIST must not depend on the working directory later.
  const webDist = path.resolve(nonEmpty(env, 'WEB_DIST') ?? path.join(repoRoot, 'web', 'dist'));
  return {
    es: {
      url: esUrl(env),
      local: nonEmpty(env, 'ES_URL') === undefined,
      auth: esAuth(env),
      caCertPath: caCert(env),
      requestTimeoutMs: integer(env, 'ES_REQUEST_TIMEOUT_MS', 30_000, 100, 600_000),
    },
    http: {
      host: nonEmpty(env, 'HOST') ?? '127.0.0.1',
      port: integer(env, 'PORT', 8080, 0, 65_535),
    },
    cloudtrail: {
      indexPrefix: indexPrefix(env, 'CLOUDTRAIL_INDEX_PREFIX', 'ct-'),
      knownCidrs: cidrList(env, 'KNOWN_CIDRS', DEFAULT_KNOWN_CIDRS),
    },
    images: {
      index: indexName(env, 'IMAGES_INDEX', 'lookout-images'),
      minScore: fraction(env, 'IMAGES_MIN_SCORE', 0.6),
    },
    logLevel,
    webDist,
  };
}

/** The URL without credentials, safe to log and to show in /api/health. */
export function redactedUrl(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString().replace(/\/$/, '');
}
