import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { Type } from 'typebox';
import { ConfigError, nonEmpty, readerOf, variable, type Env, type Variables } from './env.ts';

export { ConfigError, type Env } from './env.ts';

/** Root of the repository (server/src/core → ../../..), for the local engine and the built SPA. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** How requests are signed for Amazon OpenSearch Service (es/aws-sigv4.ts signs them). */
export interface AwsSigV4Settings {
  region: string;
  service: 'es' | 'aoss';
}

export interface EsAuth {
  apiKey?: string;
  username?: string;
  password?: string;
}

/**
 * Each board's configuration slice, keyed by board name. Core names no board: a board adds its key
 * by declaration merging next to its slice (`declare module '../../core/config.ts'`).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by the boards
export interface BoardConfigs {}

export interface CoreConfig {
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
  /** Query cost limits, so one user or one heavy board cannot starve the search thread pool. */
  limits: {
    /** Elasticsearch-side `timeout` of every board search; shorter than requestTimeoutMs. */
    searchTimeoutMs: number;
    /** Searches one BFF instance runs at once; more wait in a small queue. */
    maxConcurrentSearches: number;
    /** Searches that may wait for a slot; beyond that the request gets 429. */
    maxQueuedSearches: number;
    /** Rows one CSV/NDJSON export streams at most (EXPORT_MAX_ROWS). */
    exportMaxRows: number;
  };
  access: AccessConfig;
  /** The one webhook every board's alerts go to. */
  alerts: AlertDelivery;
  logLevel: string;
  /** Built SPA to serve; absent in API-only runs (tests that do not need the web). */
  webDist?: string;
}

export type Config = CoreConfig & BoardConfigs;

/** Where alerts go: the one webhook every board's alerts share (ALERT_WEBHOOK_URL, ALERT_FORMAT, PUBLIC_URL). */
export interface AlertDelivery {
  /** Unset: no alert watcher runs. */
  webhookUrl?: string;
  format: 'slack' | 'generic';
  /** Absolute base of the deep links in alerts, e.g. https://lookout.example.org */
  publicUrl: string;
}

/** A board's part of the configuration: its variables, and how they become its slice. */
export interface ConfigSlice<T> {
  variables: Variables;
  /** Throws a `ConfigError` naming the variable; `core` is read first (e.g. for HTTP defaults). */
  read(env: Env, core: CoreConfig): T;
}

/**
 * A board's slice from its variables and how the read values become its settings: the reader
 * (`read.indexName('X')`, …) names the variable in every error.
 */
export function configSlice<V extends Variables, T>(
  variables: V,
  settings: (read: ReturnType<typeof readerOf<V>>, core: CoreConfig) => T,
): ConfigSlice<T> {
  return { variables, read: (env, core) => settings(readerOf(env, variables), core) };
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

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const ACCESS_MODES = ['none', 'proxy', 'token'] as const;
/** Long enough that guessing is hopeless; `openssl rand -hex 32` gives 64. */
const MIN_TOKEN_LENGTH = 24;

/** The app's own variables (Elasticsearch, HTTP, limits, access); each board declares its own. */
export const coreVariables = Type.Object({
  ES_URL: variable.string({
    description: 'Elasticsearch to read and write; when set, no local engine is started',
    defaultText: 'unset → local engine on `http://127.0.0.1:9200`',
  }),
  ES_API_KEY: variable.string({ description: 'API key (base64 `id:key`) for `ES_URL`' }),
  ES_USERNAME: variable.string({ description: 'basic auth instead of an API key (with `ES_PASSWORD`)' }),
  ES_PASSWORD: variable.string({ description: 'password of `ES_USERNAME` (both or neither)' }),
  ES_WRITE_API_KEY: variable.string({
    description:
      'credentials for ingestion, alert claims and the CLI writes (least privilege: reader + writer); ' +
      'or `ES_WRITE_USERNAME` / `ES_WRITE_PASSWORD`',
    defaultText: '— (writes use `ES_API_KEY`)',
  }),
  ES_CA_CERT: variable.string({ description: "PEM file of the CA that signed the cluster's certificate" }),
  ES_AWS_SIGV4: variable.boolean({
    description: '`true`: sign every request with AWS SigV4 (IAM) for Amazon OpenSearch Service',
    default: false,
  }),
  ES_AWS_SERVICE: variable.oneOf(['es', 'aoss'], {
    description: 'with `ES_AWS_SIGV4`: `es` (managed domain) or `aoss` (Serverless)',
    default: 'es',
  }),
  AWS_REGION: variable.string({
    description: 'region of the domain (or `AWS_DEFAULT_REGION`); credentials from the standard AWS chain',
    defaultText: '— (required by `ES_AWS_SIGV4`)',
  }),
  ES_REQUEST_TIMEOUT_MS: variable.integer({
    description: 'client-side limit for one Elasticsearch request (then 504)',
    default: 30_000,
    minimum: 100,
    maximum: 600_000,
  }),
  ES_SEARCH_TIMEOUT_MS: variable.integer({
    description:
      "engine-side `timeout` of each board search (then partial results); shorter than the request's",
    defaultText: '`10000`, at most half of `ES_REQUEST_TIMEOUT_MS`',
    minimum: 50,
    maximum: 600_000,
  }),
  MAX_CONCURRENT_SEARCHES: variable.integer({
    description: 'board searches one BFF instance runs at once',
    default: 8,
    minimum: 1,
    maximum: 1_000,
  }),
  EXPORT_MAX_ROWS: variable.integer({
    description: 'rows one CSV/NDJSON export streams at most; the response says when it stopped there',
    default: 100_000,
    minimum: 1,
    maximum: 10_000_000,
  }),
  MAX_QUEUED_SEARCHES: variable.integer({
    description: 'searches that may wait for a slot; the next gets 429',
    default: 16,
    minimum: 0,
    maximum: 10_000,
  }),
  PORT: variable.integer({ description: 'HTTP port of the BFF', default: 8080, minimum: 0, maximum: 65_535 }),
  HOST: variable.string({ description: 'address the BFF binds to', default: '127.0.0.1' }),
  LOG_LEVEL: variable.oneOf(LOG_LEVELS, { description: '`fatal` … `trace`, `silent`', default: 'info' }),
  WEB_DIST: variable.string({ description: 'built SPA to serve', defaultText: '`web/dist`' }),
  ACCESS_MODE: variable.oneOf(ACCESS_MODES, {
    description:
      'who may read the boards: `none`, `proxy` or `token` (see [Access and limits](docs/access.md))',
    default: 'none',
  }),
  ALLOW_OPEN_ACCESS: variable.boolean({
    description: '`true` lets `ACCESS_MODE=none` serve on a non-loopback `HOST`',
    default: false,
  }),
  TRUSTED_PROXIES: variable.list({
    description: 'CIDRs of the SSO proxy; the user header is believed only from these peers',
    defaultText: '— (required by `proxy`)',
  }),
  PROXY_USER_HEADER: variable.string({
    description: 'header in which the proxy names the user',
    default: 'x-forwarded-user',
  }),
  ACCESS_TOKENS: variable.list({
    description: `bearer tokens, comma-separated; ${MIN_TOKEN_LENGTH} characters at least`,
    defaultText: '— (this or `ACCESS_TOKENS_FILE` required by `token`)',
  }),
  ACCESS_TOKENS_FILE: variable.string({
    description: 'file of bearer tokens, one a line (`#` comments), instead of `ACCESS_TOKENS`',
  }),
  INGEST_TOKEN: variable.string({
    description: `credential of the ingest endpoints; ${MIN_TOKEN_LENGTH} characters at least`,
    defaultText: '— (ingest endpoints answer 503)',
  }),
  INGEST_TOKEN_HEADER: variable.string({
    description: 'header that carries `INGEST_TOKEN`',
    default: 'x-lookout-ingest-token',
  }),
  CORS_ORIGINS: variable.list({
    description: 'origins whose pages may call the API, e.g. `https://grafana.example.org`',
    defaultText: '— (CORS closed)',
  }),
  RATE_LIMIT_PER_MINUTE: variable.integer({
    description: 'requests a minute per client (user or token, else address); `0` turns it off',
    default: 600,
    minimum: 0,
    maximum: 1_000_000,
  }),
  SNS_RATE_LIMIT_PER_MINUTE: variable.integer({
    description: 'requests a minute per source address on the credential-less SNS endpoint; `0`: off',
    default: 1_200,
    minimum: 0,
    maximum: 1_000_000,
  }),
  CURSOR_SECRET: variable.string({
    description: `signs the \`cursor\` of paged lists (HMAC); ${MIN_TOKEN_LENGTH} characters at least`,
    defaultText: '— (generated once, kept in Elasticsearch)',
  }),
  ALERT_WEBHOOK_URL: variable.string({
    description: 'where the alert watcher posts one message per new startup failure',
    defaultText: '— (no alerts)',
  }),
  ALERT_FORMAT: variable.oneOf(['slack', 'generic'], {
    description: '`slack` (text + blocks, Slack-compatible) or `generic` (flat JSON)',
    default: 'slack',
  }),
  PUBLIC_URL: variable.string({
    description: 'absolute base of the deep links in alerts',
    defaultText: '`http://HOST:PORT`',
  }),
});

/**
 * The local engines' variables (read by es/local/engine-home.ts and the launcher; declared here
 * for the README table, and for the dev engine's port that `ES_URL` defaults to).
 */
export const localEngineVariables = Type.Object({
  LOOKOUT_HOME: variable.string({
    description: 'where the local engine, its download and its data live',
    defaultText: '`.lookout/`',
  }),
  LOOKOUT_DEV_ES_PORT: variable.integer({
    description: 'HTTP port of the local `dev` engine',
    default: 9200,
    minimum: 1,
    maximum: 65_535,
  }),
  LOOKOUT_TEST_ES_PORT: variable.integer({
    description: 'HTTP port of the local `test` engine',
    default: 9201,
    minimum: 1,
    maximum: 65_535,
  }),
  LOOKOUT_CHAOS_ES_PORT: variable.integer({
    description: 'HTTP port of the `chaos` engine, which one integration test kills (SIGKILL) mid-ingest',
    default: 9202,
    minimum: 1,
    maximum: 65_535,
  }),
  LOOKOUT_ES_HEAP: variable.string({ description: 'heap of the local engine', default: '2g' }),
});

type CoreReader = ReturnType<typeof readerOf<typeof coreVariables>>;

function esUrl(env: Env): string {
  const raw = nonEmpty(env, 'ES_URL');
  if (raw === undefined) {
    // The local `dev` engine, wherever LOOKOUT_DEV_ES_PORT put it (see es/local/engine-home.ts).
    const port = readerOf(env, localEngineVariables).integer('LOOKOUT_DEV_ES_PORT');
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
function awsSigV4(env: Env, read: CoreReader): AwsSigV4Settings | undefined {
  if (!read.boolean('ES_AWS_SIGV4')) {
    if (nonEmpty(env, 'ES_AWS_SERVICE') !== undefined) {
      throw new ConfigError('ES_AWS_SERVICE', 'only used with ES_AWS_SIGV4=true');
    }
    return undefined;
  }
  const service = read.oneOf<AwsSigV4Settings['service']>('ES_AWS_SERVICE');
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

function headerName(read: CoreReader, name: 'PROXY_USER_HEADER' | 'INGEST_TOKEN_HEADER'): string {
  const value = (read.string(name) ?? '').toLowerCase();
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
function readTokens(env: Env, read: CoreReader): string[] {
  const inline = nonEmpty(env, 'ACCESS_TOKENS');
  const file = read.existingFile('ACCESS_TOKENS_FILE');
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

function origins(read: CoreReader): string[] {
  return read.list('CORS_ORIGINS', (origin) => {
    let url: URL | undefined;
    try {
      url = new URL(origin);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin !== origin) {
      throw new ConfigError(
        'CORS_ORIGINS',
        `"${origin}" is not an origin such as https://lookout.example.org`,
      );
    }
    return origin;
  });
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function accessConfig(env: Env, read: CoreReader, host: string): AccessConfig {
  const mode = read.oneOf<AccessConfig['mode']>('ACCESS_MODE');
  const allowOpen = read.boolean('ALLOW_OPEN_ACCESS');
  if (mode === 'none' && !isLoopback(host) && !allowOpen) {
    throw new ConfigError(
      'ALLOW_OPEN_ACCESS',
      `ACCESS_MODE=none serves every board to anyone who reaches HOST=${host}; ` +
        'use ACCESS_MODE=proxy or token, bind HOST to 127.0.0.1, or set ALLOW_OPEN_ACCESS=true',
    );
  }
  const trustedProxies = read.cidrs('TRUSTED_PROXIES');
  if (mode === 'proxy' && trustedProxies.length === 0) {
    throw new ConfigError('TRUSTED_PROXIES', 'required with ACCESS_MODE=proxy: the CIDRs of the SSO proxy');
  }
  const tokens = readTokens(env, read);
  if (mode === 'token' && tokens.length === 0) {
    throw new ConfigError('ACCESS_TOKENS', 'required with ACCESS_MODE=token (or ACCESS_TOKENS_FILE)');
  }
  const ingestToken = nonEmpty(env, 'INGEST_TOKEN');
  const cursorSecret = nonEmpty(env, 'CURSOR_SECRET');
  return {
    mode,
    proxyUserHeader: headerName(read, 'PROXY_USER_HEADER'),
    trustedProxies,
    tokens,
    ...(ingestToken === undefined ? {} : { ingestToken: secret('INGEST_TOKEN', ingestToken) }),
    ingestTokenHeader: headerName(read, 'INGEST_TOKEN_HEADER'),
    corsOrigins: origins(read),
    rateLimitPerMinute: read.integer('RATE_LIMIT_PER_MINUTE'),
    snsRateLimitPerMinute: read.integer('SNS_RATE_LIMIT_PER_MINUTE'),
    ...(cursorSecret === undefined ? {} : { cursorSecret: secret('CURSOR_SECRET', cursorSecret) }),
  };
}

/**
 * The engine-side timeout must end a search before the client gives up on it: then a slow query
 * comes back as partial results (`timed_out`) instead of a 504 with nothing.
 */
function limits(env: Env, read: CoreReader, requestTimeoutMs: number): CoreConfig['limits'] {
  const fallbackSearchTimeout = Math.min(10_000, Math.floor(requestTimeoutMs / 2));
  const searchTimeoutMs =
    nonEmpty(env, 'ES_SEARCH_TIMEOUT_MS') === undefined
      ? fallbackSearchTimeout
      : read.integer('ES_SEARCH_TIMEOUT_MS');
  if (searchTimeoutMs >= requestTimeoutMs) {
    throw new ConfigError(
      'ES_SEARCH_TIMEOUT_MS',
      `must be shorter than ES_REQUEST_TIMEOUT_MS (${requestTimeoutMs}), got ${searchTimeoutMs}`,
    );
  }
  return {
    searchTimeoutMs,
    maxConcurrentSearches: read.integer('MAX_CONCURRENT_SEARCHES'),
    maxQueuedSearches: read.integer('MAX_QUEUED_SEARCHES'),
    exportMaxRows: read.integer('EXPORT_MAX_ROWS'),
  };
}

function readCoreConfig(env: Env): CoreConfig {
  const read = readerOf(env, coreVariables);
  const logLevel = read.oneOf('LOG_LEVEL');
  // Resolved now: a relative WEB_DIST must not depend on the working directory later.
  const webDist = path.resolve(nonEmpty(env, 'WEB_DIST') ?? path.join(repoRoot, 'web', 'dist'));
  const http = { host: read.string('HOST') ?? '127.0.0.1', port: read.integer('PORT') };
  const requestTimeoutMs = read.integer('ES_REQUEST_TIMEOUT_MS');
  const writeAuth = esWriteAuth(env);
  const sigV4 = awsSigV4(env, read);
  return {
    es: {
      url: esUrl(env),
      local: nonEmpty(env, 'ES_URL') === undefined,
      auth: esAuth(env),
      ...(writeAuth ? { writeAuth } : {}),
      caCertPath: caCert(env),
      ...(sigV4 ? { awsSigV4: sigV4 } : {}),
      requestTimeoutMs,
    },
    http,
    limits: limits(env, read, requestTimeoutMs),
    access: accessConfig(env, read, http.host),
    alerts: alertDelivery(read, http),
    logLevel,
    webDist,
  };
}

/** The alert webhook, shared by every board that alerts; links default to this server's address. */
function alertDelivery(read: CoreReader, http: CoreConfig['http']): AlertDelivery {
  const webhookUrl = read.httpUrl('ALERT_WEBHOOK_URL');
  const host = http.host.includes(':') ? `[${http.host}]` : http.host;
  return {
    ...(webhookUrl ? { webhookUrl } : {}),
    format: read.oneOf<'slack' | 'generic'>('ALERT_FORMAT'),
    publicUrl: read.httpUrl('PUBLIC_URL') ?? `http://${host}:${http.port}`,
  };
}

/**
 * Reads and validates the whole configuration at boot — the app's and every board's slice — so a
 * bad variable fails fast and by name. The app passes its list of boards (app/config.ts).
 */
export function readConfig(
  env: Env,
  boards: ReadonlyArray<{ name: string; config?: ConfigSlice<unknown> }>,
): Config {
  const core = readCoreConfig(env);
  const slices = Object.fromEntries(
    boards.flatMap((board) => (board.config ? [[board.name, board.config.read(env, core)]] : [])),
  );
  return { ...core, ...slices } as Config;
}

/** The URL without credentials, safe to log and to show in /api/health. */
export function redactedUrl(url: string): string {
  const parsed = new URL(url);
  parsed.username = '';
  parsed.password = '';
  return parsed.toString().replace(/\/$/, '');
}
