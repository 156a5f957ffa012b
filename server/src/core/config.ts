import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { isIP } from 'node:net';

/** Root of the repository (server/src/core → ../../..), for the local engine and the built SPA. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

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
  deployments: {
    /** The one index (or alias) of deploy/release events; `_id` is the SNS MessageId. */
    index: string;
    /** SNS topics whose notifications are accepted; any other TopicArn is refused (403). */
    snsTopicArns: string[];
    /** Hosts `SigningCertURL` and `SubscribeURL` may point at; `*` stands for one DNS label. */
    snsCertHosts: string[];
    /** False only when SNS_VERIFY=false: signatures are then not checked (logged at start). */
    snsVerify: boolean;
    /** Failure classification rules; absent means the board's default-rules.json. */
    rulesFile?: string;
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
  if (raw === undefined) {
    // The local `dev` engine, wherever LOOKOUT_DEV_ES_PORT put it (see es/local/engine-home.ts).
    const port = integer(env, 'LOOKOUT_DEV_ES_PORT', 9200, 1, 65_535);
    return `http://127.0.0.1:${port}`;
  }
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

const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}(?:\.fifo)?$/;

function topicArns(env: Env): string[] {
  const raw = nonEmpty(env, 'SNS_TOPIC_ARNS');
  if (raw === undefined) return [];
  return raw.split(',').map((entry) => {
    const arn = entry.trim();
    if (!TOPIC_ARN.test(arn)) {
      throw new ConfigError(
        'SNS_TOPIC_ARNS',
        `"${arn}" is not an SNS topic ARN such as arn:aws:sns:eu-west-1:123456789012:deployments`,
      );
    }
    return arn;
  });
}

/** SNS signs with certificates on its own regional hosts, e.g. sns.eu-west-1.amazonaws.com. */
export const DEFAULT_SNS_CERT_HOSTS = ['sns.*.amazonaws.com'];

function hostPatterns(env: Env, name: string, fallback: string[]): string[] {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return fallback;
  return raw.split(',').map((entry) => {
    const host = entry.trim().toLowerCase();
    if (!/^(?:\*|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)(?:\.(?:\*|[a-z0-9](?:[a-z0-9-]*[a-z0-9])?))*$/.test(host)) {
      throw new ConfigError(name, `"${host}" is not a host name pattern such as sns.*.amazonaws.com`);
    }
    return host;
  });
}

function booleanDefaultTrue(env: Env, name: string): boolean {
  const raw = nonEmpty(env, name);
  if (raw === undefined || raw === 'true') return true;
  if (raw === 'false') return false;
  throw new ConfigError(name, `expected true or false, got "${raw}"`);
}

function existingFile(env: Env, name: string): string | undefined {
  const file = nonEmpty(env, name);
  if (file === undefined) return undefined;
  const resolved = path.resolve(file);
  if (!existsSync(resolved)) throw new ConfigError(name, `no such file: ${file}`);
  return resolved;
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
    deployments: {
      index: indexName(env, 'DEPLOYMENTS_INDEX', 'lookout-deployments'),
      snsTopicArns: topicArns(env),
      snsCertHosts: hostPatterns(env, 'SNS_CERT_HOSTS', DEFAULT_SNS_CERT_HOSTS),
      snsVerify: booleanDefaultTrue(env, 'SNS_VERIFY'),
      rulesFile: existingFile(env, 'DEPLOY_RULES_FILE'),
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
