import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { isIP } from 'node:net';
import { readClusterSettings, type ClusterSettings } from '../boards/cluster/config.ts';
import type { AwsSigV4Settings } from '../es/aws-sigv4.ts';

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
    /** Credentials of the boards' reads (and of everything when `writeAuth` is absent). */
    auth: EsAuth;
    /**
     * Credentials for writes (ingest endpoints, alert claims, CLI ingest/seed/setup) when they
     * differ from `auth`: least privilege with one BFF, a reader key and a writer key.
     */
    writeAuth?: EsAuth;
    caCertPath?: string;
    /** Set when ES_AWS_SIGV4=true: every request is signed for Amazon OpenSearch Service (IAM). */
    awsSigV4?: AwsSigV4Settings;
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
  /** Query cost limits, so one user or one heavy board cannot starve the search thread pool. */
  limits: {
    /** Elasticsearch-side `timeout` of every board search; shorter than requestTimeoutMs. */
    searchTimeoutMs: number;
    /** Searches one BFF instance runs at once; more wait in a small queue. */
    maxConcurrentSearches: number;
    /** Searches that may wait for a slot; beyond that the request gets 429. */
    maxQueuedSearches: number;
  };
  containers: ContainersConfig;
  /** TODO(#14): the cluster board's slice moves into its `defineBoard` config. */
  cluster: ClusterSettings;
  access: AccessConfig;
  logLevel: string;
  /** Built SPA to serve; absent in API-only runs (tests that do not need the web). */
  webDist?: string;
}

export interface ContainersConfig {
  /** Where fluent-plugin-elasticsearch writes container logs (`logstash_format true`); read only. */
  logsIndexPattern: string;
  /** ECS Task State Change events; `_id` is taskArn + version. */
  eventsIndex: string;
  /** A task that stopped within this long after starting (or never started) failed at startup. */
  startupWindowMs: number;
  /** This many startup failures of one service within `crashLoopWindowMs` is a crash loop. */
  crashLoopCount: number;
  crashLoopWindowMs: number;
  alerts: {
    /** Unset: no watcher runs. */
    webhookUrl?: string;
    format: 'slack' | 'generic';
    intervalMs: number;
    /** Only failures newer than this are alerted (no flood on a first start). */
    lookbackMs: number;
    /** Claims and delivery status, one document per task ARN. */
    index: string;
    /** Absolute base of the deep links in alerts, e.g. https://lookout.example.org */
    publicUrl: string;
  };
}

/** Who may use the API, how the ingest endpoints are guarded, and the HTTP abuse limits. */
export interface AccessConfig {
  /** `none`: the local demo (loopback only unless ALLOW_OPEN_ACCESS); `proxy`: SSO proxy; `token`: bearer tokens. */
  mode: 'none' | 'proxy' | 'token';
  /** Lower-case header carrying the user's name, trusted only from `trustedProxies` (proxy mode). */
  proxyUserHeader: string;
  /** Addresses (CIDRs) of the SSO proxy; required in proxy mode. */
  trustedProxies: string[];
  /** Read tokens accepted as `Authorization: Bearer` (token mode). */
  tokens: string[];
  /** The ingest credential; unset → ingest endpoints answer 503. */
  ingestToken?: string;
  /** Lower-case header carrying the ingest credential (an EventBridge API destination sets it). */
  ingestTokenHeader: string;
  /** Origins allowed to call the API from another site; empty: CORS closed. */
  corsOrigins: string[];
  /** Requests per minute per client (user or token, else address); 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** Requests per minute per source address on the credential-less SNS endpoint; 0: off. */
  snsRateLimitPerMinute: number;
  /**
   * Signs the `cursor` of paged lists (HMAC) so a forged one never reaches the engine. Unset: a
   * secret generated once and kept in Elasticsearch, shared by every BFF instance.
   */
  cursorSecret?: string;
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

/** `ES_API_KEY` or `ES_USERNAME`/`ES_PASSWORD`; with prefix `ES_WRITE_` the writer's. */
function esAuth(env: Env, prefix = 'ES_'): EsAuth {
  const [keyName, userName, passwordName] = ['API_KEY', 'USERNAME', 'PASSWORD'].map(
    (name) => prefix + name,
  ) as [string, string, string];
  const apiKey = nonEmpty(env, keyName);
  const username = nonEmpty(env, userName);
  const password = env[passwordName];
  if (apiKey && (username || password)) {
    throw new ConfigError(keyName, `set either ${keyName} or ${userName}/${passwordName}, not both`);
  }
  if (username && !password) throw new ConfigError(passwordName, `required when ${userName} is set`);
  if (password && !username) throw new ConfigError(userName, `required when ${passwordName} is set`);
  return apiKey ? { apiKey } : username ? { username, password } : {};
}

function esWriteAuth(env: Env): EsAuth | undefined {
  const auth = esAuth(env, 'ES_WRITE_');
  return Object.keys(auth).length > 0 ? auth : undefined;
}

const AWS_REGION = /^[a-z]{2}(?:-[a-z]+)+-\d+$/;

/**
 * ES_AWS_SIGV4=true signs with IAM credentials from the standard AWS chain; an API key or a user
 * and password would then be a second, contradictory identity, so they are refused by name.
 */
function awsSigV4(env: Env): AwsSigV4Settings | undefined {
  const enabled = nonEmpty(env, 'ES_AWS_SIGV4');
  if (enabled !== undefined && enabled !== 'true' && enabled !== 'false') {
    throw new ConfigError('ES_AWS_SIGV4', `expected true or false, got "${enabled}"`);
  }
  if (enabled !== 'true') {
    if (nonEmpty(env, 'ES_AWS_SERVICE') !== undefined) {
      throw new ConfigError('ES_AWS_SERVICE', 'only used with ES_AWS_SIGV4=true');
    }
    return undefined;
  }
  const service = oneOf(env, 'ES_AWS_SERVICE', ['es', 'aoss'] as const, 'es');
  const region = nonEmpty(env, 'AWS_REGION') ?? nonEmpty(env, 'AWS_DEFAULT_REGION');
  if (region === undefined) {
    throw new ConfigError(
      'AWS_REGION',
      "required with ES_AWS_SIGV4=true: the domain's region, e.g. eu-west-1 (or AWS_DEFAULT_REGION)",
    );
  }
  if (!AWS_REGION.test(region)) {
    throw new ConfigError('AWS_REGION', `not an AWS region such as eu-west-1: "${region}"`);
  }
  for (const name of [
    'ES_API_KEY',
    'ES_USERNAME',
    'ES_PASSWORD',
    'ES_WRITE_API_KEY',
    'ES_WRITE_USERNAME',
    'ES_WRITE_PASSWORD',
  ]) {
    if (nonEmpty(env, name) !== undefined) {
      throw new ConfigError(name, 'cannot be combined with ES_AWS_SIGV4=true (IAM signs every request)');
    }
  }
  const url = new URL(esUrl(env));
  if (url.username !== '' || url.password !== '') {
    throw new ConfigError(
      'ES_URL',
      'carries a user and password, which cannot be combined with ES_AWS_SIGV4=true',
    );
  }
  return { region, service };
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

function indexPattern(env: Env, name: string, fallback: string): string {
  const value = nonEmpty(env, name) ?? fallback;
  if (!/^[a-z0-9*][a-z0-9._*,-]*$/.test(value)) {
    throw new ConfigError(name, `expected an index pattern such as logstash-*, got "${value}"`);
  }
  return value;
}

function httpUrl(env: Env, name: string): string | undefined {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `not a URL: "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, `must start with http:// or https://, got "${url.protocol}"`);
  }
  return raw.replace(/\/$/, '');
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = nonEmpty(env, name) ?? fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `expected one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function containersConfig(env: Env, http: Config['http']): ContainersConfig {
  const webhookUrl = httpUrl(env, 'ALERT_WEBHOOK_URL');
  const host = http.host.includes(':') ? `[${http.host}]` : http.host;
  return {
    logsIndexPattern: indexPattern(env, 'CONTAINER_LOGS_INDEX', 'logstash-*'),
    eventsIndex: indexName(env, 'ECS_EVENTS_INDEX', 'lookout-ecs-events'),
    startupWindowMs: integer(env, 'STARTUP_WINDOW_SECONDS', 300, 1, 86_400) * 1000,
    crashLoopCount: integer(env, 'CRASH_LOOP_COUNT', 3, 2, 1000),
    crashLoopWindowMs: integer(env, 'CRASH_LOOP_WINDOW_MINUTES', 30, 1, 1440) * 60_000,
    alerts: {
      ...(webhookUrl ? { webhookUrl } : {}),
      format: oneOf(env, 'ALERT_FORMAT', ['slack', 'generic'] as const, 'slack'),
      intervalMs: integer(env, 'ALERT_INTERVAL', 30, 1, 3600) * 1000,
      lookbackMs: integer(env, 'ALERT_LOOKBACK_MINUTES', 15, 1, 10_080) * 60_000,
      index: indexName(env, 'ALERTS_INDEX', 'lookout-alerts'),
      publicUrl: httpUrl(env, 'PUBLIC_URL') ?? `http://${host}:${http.port}`,
    },
  };
}

const ACCESS_MODES = ['none', 'proxy', 'token'] as const;
/** Long enough that guessing is hopeless; `openssl rand -hex 32` gives 64. */
const MIN_TOKEN_LENGTH = 24;

function headerName(env: Env, name: string, fallback: string): string {
  const value = (nonEmpty(env, name) ?? fallback).toLowerCase();
  if (!/^[a-z0-9!#$%&'*+.^_`|~-]+$/.test(value)) {
    throw new ConfigError(name, `"${value}" is not an HTTP header name such as x-forwarded-user`);
  }
  return value;
}

function secret(name: string, value: string): string {
  if (value.length < MIN_TOKEN_LENGTH || /\s/.test(value)) {
    throw new ConfigError(
      name,
      `tokens must be at least ${MIN_TOKEN_LENGTH} characters without spaces (e.g. openssl rand -hex 32)`,
    );
  }
  return value;
}

/** ACCESS_TOKENS (comma-separated) or ACCESS_TOKENS_FILE (one a line, `#` comments). */
function readTokens(env: Env): string[] {
  const inline = nonEmpty(env, 'ACCESS_TOKENS');
  const file = existingFile(env, 'ACCESS_TOKENS_FILE');
  if (inline !== undefined && file !== undefined) {
    throw new ConfigError('ACCESS_TOKENS', 'set either ACCESS_TOKENS or ACCESS_TOKENS_FILE, not both');
  }
  const variable = file === undefined ? 'ACCESS_TOKENS' : 'ACCESS_TOKENS_FILE';
  const entries = file === undefined ? (inline ?? '').split(',') : readFileSync(file, 'utf8').split('\n');
  return entries
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '' && !entry.startsWith('#'))
    .map((token) => secret(variable, token));
}

function origins(env: Env, name: string): string[] {
  const raw = nonEmpty(env, name);
  if (raw === undefined) return [];
  return raw.split(',').map((entry) => {
    const origin = entry.trim();
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin) {
      throw new ConfigError(name, `"${origin}" is not an origin such as https://lookout.example.org`);
    }
    return origin;
  });
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function accessConfig(env: Env): AccessConfig {
  const modeRaw = nonEmpty(env, 'ACCESS_MODE') ?? 'none';
  if (!(ACCESS_MODES as readonly string[]).includes(modeRaw)) {
    throw new ConfigError('ACCESS_MODE', `expected one of ${ACCESS_MODES.join(', ')}, got "${modeRaw}"`);
  }
  const mode = modeRaw as AccessConfig['mode'];
  const host = nonEmpty(env, 'HOST') ?? '127.0.0.1';
  const allowOpen = nonEmpty(env, 'ALLOW_OPEN_ACCESS');
  if (allowOpen !== undefined && allowOpen !== 'true' && allowOpen !== 'false') {
    throw new ConfigError('ALLOW_OPEN_ACCESS', `expected true or false, got "${allowOpen}"`);
  }
  if (mode === 'none' && !isLoopback(host) && allowOpen !== 'true') {
    throw new ConfigError(
      'ALLOW_OPEN_ACCESS',
      `ACCESS_MODE=none serves every board to anyone who reaches HOST=${host}; ` +
        'use ACCESS_MODE=proxy or token, bind HOST to 127.0.0.1, or set ALLOW_OPEN_ACCESS=true',
    );
  }
  const trustedProxies = cidrList(env, 'TRUSTED_PROXIES', []);
  if (mode === 'proxy' && trustedProxies.length === 0) {
    throw new ConfigError('TRUSTED_PROXIES', 'required with ACCESS_MODE=proxy: the CIDRs of the SSO proxy');
  }
  const tokens = readTokens(env);
  if (mode === 'token' && tokens.length === 0) {
    throw new ConfigError('ACCESS_TOKENS', 'required with ACCESS_MODE=token (or ACCESS_TOKENS_FILE)');
  }
  const ingestToken = nonEmpty(env, 'INGEST_TOKEN');
  const cursorSecret = nonEmpty(env, 'CURSOR_SECRET');
  return {
    mode,
    proxyUserHeader: headerName(env, 'PROXY_USER_HEADER', 'x-forwarded-user'),
    trustedProxies,
    tokens,
    ...(ingestToken === undefined ? {} : { ingestToken: secret('INGEST_TOKEN', ingestToken) }),
    ingestTokenHeader: headerName(env, 'INGEST_TOKEN_HEADER', 'x-lookout-ingest-token'),
    corsOrigins: origins(env, 'CORS_ORIGINS'),
    rateLimitPerMinute: integer(env, 'RATE_LIMIT_PER_MINUTE', 600, 0, 1_000_000),
    snsRateLimitPerMinute: integer(env, 'SNS_RATE_LIMIT_PER_MINUTE', 1_200, 0, 1_000_000),
    ...(cursorSecret === undefined ? {} : { cursorSecret: secret('CURSOR_SECRET', cursorSecret) }),
  };
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
  const http = {
    host: nonEmpty(env, 'HOST') ?? '127.0.0.1',
    port: integer(env, 'PORT', 8080, 0, 65_535),
  };
  const containers = containersConfig(env, http);
  const { webhookUrl, format, publicUrl } = containers.alerts;
  const sigV4 = awsSigV4(env);
  return {
    es: {
      url: esUrl(env),
      local: nonEmpty(env, 'ES_URL') === undefined,
      auth: esAuth(env),
      ...(esWriteAuth(env) ? { writeAuth: esWriteAuth(env) } : {}),
      caCertPath: caCert(env),
      ...(sigV4 ? { awsSigV4: sigV4 } : {}),
      requestTimeoutMs: integer(env, 'ES_REQUEST_TIMEOUT_MS', 30_000, 100, 600_000),
    },
    http,
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
    limits: limits(env),
    containers,
    cluster: readClusterSettings(
      env,
      { ...(webhookUrl ? { webhookUrl } : {}), format, publicUrl },
      { integer, indexName },
    ),
    access: accessConfig(env),
    logLevel,
    webDist,
  };
}

/**
 * The engine-side timeout must end a search before the client gives up on it: then a slow query
 * comes back as partial results (`timed_out`) instead of a 504 with nothing.
 */
function limits(env: Env): Config['limits'] {
  const requestTimeoutMs = integer(env, 'ES_REQUEST_TIMEOUT_MS', 30_000, 100, 600_000);
  const fallbackSearchTimeout = Math.min(10_000, Math.floor(requestTimeoutMs / 2));
  const searchTimeoutMs = integer(env, 'ES_SEARCH_TIMEOUT_MS', fallbackSearchTimeout, 50, 600_000);
  if (searchTimeoutMs >= requestTimeoutMs) {
    throw new ConfigError(
      'ES_SEARCH_TIMEOUT_MS',
      `must be shorter than ES_REQUEST_TIMEOUT_MS (${requestTimeoutMs}), got ${searchTimeoutMs}`,
    );
  }
  return {
    searchTimeoutMs,
    maxConcurrentSearches: integer(env, 'MAX_CONCURRENT_SEARCHES', 8, 1, 1_000),
    maxQueuedSearches: integer(env, 'MAX_QUEUED_SEARCHES', 16, 0, 10_000),
  };
}

/** The URL without credentials, safe to log and to show in /api/health. */
export function redactedUrl(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString().replace(/\/$/, '');
}
