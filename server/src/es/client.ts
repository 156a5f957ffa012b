import { readFileSync } from 'node:fs';
import { Client } from '@elastic/elasticsearch';
import type { Config } from '../core/config.ts';

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
    requestTimeout: es.requestTimeoutMs,
    // One retry covers a dropped keep-alive socket; more would only delay the 503 a user waits for.
    maxRetries: 1,
    compression: false,
  });
}
