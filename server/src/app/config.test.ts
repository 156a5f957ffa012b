import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, redactedUrl } from './config.ts';

function errorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('configuration from the environment', () => {
  it('defaults to the local engine on 127.0.0.1:9200 and serves on 127.0.0.1:8080', () => {
    const config = loadConfig({});
    expect(config.es).toMatchObject({ url: 'http://127.0.0.1:9200', local: true, auth: {} });
    expect(config.http).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(config.es.requestTimeoutMs).toBe(30_000);
  });

  it('follows the local engine to another port', () => {
    expect(loadConfig({ LOOKOUT_DEV_ES_PORT: '9600' }).es).toMatchObject({
      url: 'http://127.0.0.1:9600',
      local: true,
    });
  });

  it('uses an existing cluster from ES_URL with an API key', () => {
    const config = loadConfig({
      ES_URL: 'https://es.internal:9243',
      ES_API_KEY: 'abc==',
      PORT: '9000',
      HOST: '0.0.0.0',
      ALLOW_OPEN_ACCESS: 'true',
    });
    expect(config.es).toMatchObject({
      url: 'https://es.internal:9243',
      local: false,
      auth: { apiKey: 'abc==' },
    });
    expect(config.http).toEqual({ host: '0.0.0.0', port: 9000 });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT', 'whole number'],
    [{ PORT: '70000' }, 'PORT', 'between 0 and 65535'],
    [{ ES_URL: 'not a url' }, 'ES_URL', 'not a URL'],
    [{ ES_URL: 'ftp://es:21' }, 'ES_URL', 'http://'],
    [{ ES_USERNAME: 'elastic' }, 'ES_PASSWORD', 'required'],
    [{ ES_PASSWORD: 'secret' }, 'ES_USERNAME', 'required'],
    [{ ES_API_KEY: 'k', ES_USERNAME: 'u', ES_PASSWORD: 'p' }, 'ES_API_KEY', 'not both'],
    [
      { ES_WRITE_API_KEY: 'k', ES_WRITE_USERNAME: 'u', ES_WRITE_PASSWORD: 'p' },
      'ES_WRITE_API_KEY',
      'not both',
    ],
    [{ ES_WRITE_USERNAME: 'writer' }, 'ES_WRITE_PASSWORD', 'required'],
    [{ STARTUP_WINDOW_SECONDS: '0' }, 'STARTUP_WINDOW_SECONDS', 'between'],
    [{ ALERT_WEBHOOK_URL: 'hooks.slack.com/x' }, 'ALERT_WEBHOOK_URL', 'not a URL'],
    [{ ALERT_FORMAT: 'teams' }, 'ALERT_FORMAT', 'slack, generic'],
    [{ CONTAINER_LOGS_INDEX: 'Logstash-*' }, 'CONTAINER_LOGS_INDEX', 'index pattern'],
    [{ ES_CA_CERT: '/nonexistent/ca.pem' }, 'ES_CA_CERT', 'no such file'],
    [{ ES_REQUEST_TIMEOUT_MS: '5' }, 'ES_REQUEST_TIMEOUT_MS', 'between'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL', 'expected one of'],
    [{ CLOUDTRAIL_INDEX_PREFIX: 'CT-*' }, 'CLOUDTRAIL_INDEX_PREFIX', 'lowercase'],
    [{ KNOWN_CIDRS: '10.0.0.0/8, 300.1.2.3/8' }, 'KNOWN_CIDRS', '300.1.2.3/8'],
    [{ KNOWN_CIDRS: '2001:db8::/129' }, 'KNOWN_CIDRS', 'not a CIDR'],
    [{ IMAGES_INDEX: 'Images' }, 'IMAGES_INDEX', 'lowercase'],
    [{ IMAGES_INDEX: 'images-*' }, 'IMAGES_INDEX', 'lowercase'],
    [{ IMAGES_MIN_SCORE: '1.5' }, 'IMAGES_MIN_SCORE', 'between 0 and 1'],
    [{ IMAGES_MIN_SCORE: 'high' }, 'IMAGES_MIN_SCORE', 'between 0 and 1'],
  ])('rejects %o naming %s', (env, variable, problem) => {
    const error = errorOf(env as Record<string, string>);
    expect(error.variable).toBe(variable);
    expect(error.message).toContain(variable);
    expect(error.message).toContain(problem);
  });

  it('reads known networks for the CloudTrail board, IPv4 and IPv6', () => {
    expect(loadConfig({ KNOWN_CIDRS: '10.0.0.0/8, 2001:db8:aaaa::/48' }).cloudtrail.knownCidrs).toEqual([
      '10.0.0.0/8',
      '2001:db8:aaaa::/48',
    ]);
  });

  it('reads the images index and the minimum Vision score, 0.6 by default', () => {
    expect(loadConfig({}).images).toEqual({ index: 'lookout-images', minScore: 0.6 });
    expect(loadConfig({ IMAGES_INDEX: 'hotel-images', IMAGES_MIN_SCORE: '0.75' }).images).toEqual({
      index: 'hotel-images',
      minScore: 0.75,
    });
    expect(loadConfig({ IMAGES_MIN_SCORE: '0' }).images.minScore).toBe(0);
    expect(loadConfig({ IMAGES_MIN_SCORE: '.5' }).images.minScore).toBe(0.5);
  });

  it('reads the deployments section: index, SNS topics, certificate hosts, verification, rules file', () => {
    expect(loadConfig({}).deployments).toEqual({
      index: 'lookout-deployments',
      snsTopicArns: [],
      snsCertHosts: ['sns.*.amazonaws.com'],
      snsVerify: true,
      rulesFile: undefined,
    });
    const config = loadConfig({
      DEPLOYMENTS_INDEX: 'deploys',
      SNS_TOPIC_ARNS: 'arn:aws:sns:eu-west-1:123456789012:deploys, arn:aws:sns:us-east-1:123456789012:b',
      SNS_CERT_HOSTS: '127.0.0.1,sns.*.amazonaws.com',
      SNS_VERIFY: 'false',
    });
    expect(config.deployments).toMatchObject({
      index: 'deploys',
      snsTopicArns: ['arn:aws:sns:eu-west-1:123456789012:deploys', 'arn:aws:sns:us-east-1:123456789012:b'],
      snsCertHosts: ['127.0.0.1', 'sns.*.amazonaws.com'],
      snsVerify: false,
    });
  });

  it('names the deployments variable that is wrong', () => {
    expect(errorOf({ DEPLOYMENTS_INDEX: 'Deploys*' }).variable).toBe('DEPLOYMENTS_INDEX');
    expect(errorOf({ SNS_TOPIC_ARNS: 'deployments' }).variable).toBe('SNS_TOPIC_ARNS');
    expect(errorOf({ SNS_CERT_HOSTS: 'https://sns.example' }).variable).toBe('SNS_CERT_HOSTS');
    expect(errorOf({ SNS_VERIFY: 'no' }).variable).toBe('SNS_VERIFY');
    expect(errorOf({ DEPLOY_RULES_FILE: '/nonexistent/rules.json' }).variable).toBe('DEPLOY_RULES_FILE');
  });

  it('limits searches: engine-side timeout under the client timeout, concurrency and queue', () => {
    expect(loadConfig({}).limits).toEqual({
      searchTimeoutMs: 10_000,
      maxConcurrentSearches: 8,
      maxQueuedSearches: 16,
      exportMaxRows: 100_000,
    });
    // A short client timeout pulls the default engine-side timeout under it.
    expect(loadConfig({ ES_REQUEST_TIMEOUT_MS: '4000' }).limits.searchTimeoutMs).toBe(2_000);
    expect(
      loadConfig({ ES_SEARCH_TIMEOUT_MS: '500', MAX_CONCURRENT_SEARCHES: '2', MAX_QUEUED_SEARCHES: '0' })
        .limits,
    ).toEqual({
      searchTimeoutMs: 500,
      maxConcurrentSearches: 2,
      maxQueuedSearches: 0,
      exportMaxRows: 100_000,
    });
  });

  it('refuses an engine-side search timeout that is not shorter than the client timeout', () => {
    const error = errorOf({ ES_REQUEST_TIMEOUT_MS: '5000', ES_SEARCH_TIMEOUT_MS: '5000' });
    expect(error.variable).toBe('ES_SEARCH_TIMEOUT_MS');
    expect(error.message).toContain('shorter than ES_REQUEST_TIMEOUT_MS (5000)');
    expect(errorOf({ MAX_CONCURRENT_SEARCHES: '0' }).variable).toBe('MAX_CONCURRENT_SEARCHES');
    expect(errorOf({ MAX_QUEUED_SEARCHES: 'many' }).variable).toBe('MAX_QUEUED_SEARCHES');
  });

  it('defaults to open access on loopback only, CORS closed, 600 requests a minute (SNS: 1,200 per address)', () => {
    expect(loadConfig({}).access).toEqual({
      mode: 'none',
      proxyUserHeader: 'x-forwarded-user',
      trustedProxies: [],
      tokens: [],
      ingestTokenHeader: 'x-lookout-ingest-token',
      corsOrigins: [],
      rateLimitPerMinute: 600,
      snsRateLimitPerMinute: 1_200,
    });
    expect(loadConfig({ HOST: '::1' }).access.mode).toBe('none');
    expect(errorOf({ CURSOR_SECRET: 'short' }).variable).toBe('CURSOR_SECRET');
  });

  it('refuses open access on a non-loopback address unless ALLOW_OPEN_ACCESS=true', () => {
    const error = errorOf({ HOST: '0.0.0.0' });
    expect(error.variable).toBe('ALLOW_OPEN_ACCESS');
    expect(error.message).toContain('HOST=0.0.0.0');
    expect(loadConfig({ HOST: '0.0.0.0', ALLOW_OPEN_ACCESS: 'true' }).http.host).toBe('0.0.0.0');
    expect(errorOf({ ALLOW_OPEN_ACCESS: 'yes' }).variable).toBe('ALLOW_OPEN_ACCESS');
  });

  it('reads proxy mode: user header and the trusted proxy networks, which it requires', () => {
    const config = loadConfig({
      ACCESS_MODE: 'proxy',
      HOST: '0.0.0.0',
      TRUSTED_PROXIES: '10.1.0.0/16, 10.2.0.5/32',
      PROXY_USER_HEADER: 'X-Auth-Request-Email',
    });
    expect(config.access).toMatchObject({
      mode: 'proxy',
      trustedProxies: ['10.1.0.0/16', '10.2.0.5/32'],
      proxyUserHeader: 'x-auth-request-email',
    });
    expect(errorOf({ ACCESS_MODE: 'proxy' }).variable).toBe('TRUSTED_PROXIES');
    expect(errorOf({ ACCESS_MODE: 'proxy', TRUSTED_PROXIES: 'proxy.internal' }).variable).toBe(
      'TRUSTED_PROXIES',
    );
    expect(
      errorOf({ ACCESS_MODE: 'proxy', TRUSTED_PROXIES: '10.0.0.0/8', PROXY_USER_HEADER: 'x user' }).variable,
    ).toBe('PROXY_USER_HEADER');
  });

  it('reads token mode from ACCESS_TOKENS or ACCESS_TOKENS_FILE, refusing short tokens', () => {
    const a = 'a'.repeat(32);
    const b = 'b'.repeat(32);
    expect(loadConfig({ ACCESS_MODE: 'token', ACCESS_TOKENS: `${a}, ${b}` }).access.tokens).toEqual([a, b]);
    const dir = mkdtempSync(path.join(tmpdir(), 'lookout-tokens-'));
    const file = path.join(dir, 'tokens');
    writeFileSync(file, `# on-call team\n${a}\n\n${b}\n`);
    expect(loadConfig({ ACCESS_MODE: 'token', ACCESS_TOKENS_FILE: file }).access.tokens).toEqual([a, b]);
    expect(errorOf({ ACCESS_MODE: 'token' }).variable).toBe('ACCESS_TOKENS');
    expect(errorOf({ ACCESS_MODE: 'token', ACCESS_TOKENS: 'short' }).message).toContain('at least 24');
    expect(errorOf({ ACCESS_TOKENS: a, ACCESS_TOKENS_FILE: file }).message).toContain('not both');
    expect(errorOf({ ACCESS_MODE: 'sso' }).variable).toBe('ACCESS_MODE');
  });

  it('reads the ingest credential, CORS origins and the rate limit', () => {
    const token = 'i'.repeat(40);
    const config = loadConfig({
      INGEST_TOKEN: token,
      INGEST_TOKEN_HEADER: 'X-Api-Key',
      CORS_ORIGINS: 'https://grafana.example.org, http://localhost:3000',
      RATE_LIMIT_PER_MINUTE: '0',
    });
    expect(config.access).toMatchObject({
      ingestToken: token,
      ingestTokenHeader: 'x-api-key',
      corsOrigins: ['https://grafana.example.org', 'http://localhost:3000'],
      rateLimitPerMinute: 0,
    });
    expect(errorOf({ INGEST_TOKEN: 'secret' }).variable).toBe('INGEST_TOKEN');
    expect(errorOf({ CORS_ORIGINS: 'https://a.example/path' }).variable).toBe('CORS_ORIGINS');
    expect(errorOf({ CORS_ORIGINS: '*' }).variable).toBe('CORS_ORIGINS');
    expect(errorOf({ RATE_LIMIT_PER_MINUTE: 'lots' }).variable).toBe('RATE_LIMIT_PER_MINUTE');
  });

  it('never shows credentials of ES_URL', () => {
    expect(redactedUrl('https://elastic:secret@es.internal:9243/')).toBe('https://es.internal:9243');
  });
});
