import { readFileSync } from 'node:fs';
import { Client, SniffingTransport } from '@elastic/elasticsearch';
import type { Config } from '../core/config.ts';
import { awsCredentialChain, createSigV4Signer, sigV4Connection } from './aws-sigv4.ts';

/**
 * Seconds before the one retry of a failed connection. The transport's default backoff waits 1–2 s
 * before a first retry, which alone would break the promise that an engine outage answers 503
 * within 2 s; a dropped keep-alive socket, the case the retry is for, needs no wait at all.
 */
const RETRY_WAIT_SECONDS = 0.05;

/** The client's default transport (no sniffing is configured) with a prompt retry. */
class PromptRetryTransport extends SniffingTransport {
  constructor(options: ConstructorParameters<typeof SniffingTransport>[0]) {
    super({ ...options, retryBackoff: () => RETRY_WAIT_SECONDS });
  }
}

/**
 * The one place that constructs an Elasticsearch client. Every engine call goes through
 * `server/src/es/`, so a second engine (OpenSearch) would be another adapter of this seam.
 */
export function createEsClient(es: Config['es']): Client {
  const { apiKey, username, password } = es.auth;
  return new Client({
    node: es.url,
    auth: apiKey ? { apiKey } : username && password ? { username, password } : undefined,
    tls: es.caCertPath ? { ca: readFileSync(es.caCertPath) } : undefined,
    // An explicit limit: a hung engine must turn into a 504, not a request that never ends.
    // Timeouts are not retried (the transport's default): a second wait would double the 504's.
    requestTimeout: es.requestTimeoutMs,
    // One retry covers a dropped keep-alive socket; more would only delay the 503 a user waits for.
    maxRetries: 1,
    Transport: PromptRetryTransport,
    compression: false,
    ...(es.awsSigV4
      ? {
          Connection: sigV4Connection(
            createSigV4Signer({ ...es.awsSigV4, credentials: awsCredentialChain() }),
          ),
        }
      : {}),
  });
}

/**
 * The client for writes: ingestion, alert claims, `setup`/`seed`/`ingest`. Same engine, the
 * writer's credentials when configured (ES_WRITE_API_KEY), else the one set of credentials.
 */
export function createEsWriter(es: Config['es']): Client {
  return createEsClient(es.writeAuth ? { ...es, auth: es.writeAuth } : es);
}
