import { readFileSync } from 'node:fs';
import {
  Client,
  SniffingTransport,
  type TransportRequestOptions,
  type TransportRequestParams,
} from '@elastic/elasticsearch';
import type { Config } from '../core/config.ts';
import { awsCredentialChain, createSigV4Signer, sigV4Connection } from './aws-sigv4.ts';

/**
 * Seconds before the one retry of a failed connection. The transport's default backoff waits 1–2 s
 * before a first retry, which alone would break the promise that an engine outage answers 503
 * within 2 s; a dropped keep-alive socket, the case the retry is for, needs no wait at all.
 */
const RETRY_WAIT_SECONDS = 0.05;

/**
 * Plain JSON, which every supported engine reads the same way. The 9.x client's default
 * (`application/vnd.elasticsearch+json; compatible-with=9`) makes Elasticsearch 8 refuse every
 * request with a body (400 media_type_header_exception) and OpenSearch answer 406; plain JSON on
 * Elasticsearch 9 means exactly what compatible-with=9 means (its current API).
 */
const PLAIN_JSON_HEADERS = {
  jsonContentType: 'application/json',
  ndjsonContentType: 'application/x-ndjson',
  accept: 'application/json, text/plain',
};

/**
 * The few requests the 9.x client words in a way only Elasticsearch reads, in the form every
 * supported engine reads. `_field_caps` sends `fields` in the body (Elasticsearch 8.5+);
 * OpenSearch reads it only from the query string ("specified fields can't be null or empty").
 */
export function portableRequest(params: TransportRequestParams): TransportRequestParams {
  if (!params.path.endsWith('/_field_caps') || typeof params.body !== 'object' || params.body === null) {
    return params;
  }
  const { fields, ...rest } = params.body as Record<string, unknown>;
  if (fields === undefined) return params;
  const keepBody = Object.keys(rest).length > 0;
  return {
    ...params,
    method: keepBody ? params.method : 'GET',
    querystring: {
      ...(params.querystring as Record<string, unknown> | undefined),
      fields: Array.isArray(fields) ? fields.join(',') : String(fields),
    },
    body: keepBody ? rest : undefined,
  };
}

/**
 * The client's default transport (no sniffing is configured) with a prompt retry, plain JSON
 * headers, no product check (the client would otherwise throw ProductNotSupportedError at every
 * OpenSearch answer; engine.ts asks the engine what it is instead, and refuses the ones Lookout
 * does not support with a message that says so), and requests in their portable form.
 */
class EngineNeutralTransport extends SniffingTransport {
  constructor(options: ConstructorParameters<typeof SniffingTransport>[0]) {
    super({
      ...options,
      retryBackoff: () => RETRY_WAIT_SECONDS,
      vendoredHeaders: PLAIN_JSON_HEADERS,
      productCheck: undefined,
    });
  }

  // The transport's overloads differ only in what `meta` makes it return; this one passes both on.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override request(params: TransportRequestParams, options?: TransportRequestOptions): Promise<any> {
    return super.request(portableRequest(params), options);
  }
}

/**
 * The one place that constructs an engine client: Elasticsearch 8/9 and OpenSearch 2/3 alike.
 * Boards type-check against `@elastic/elasticsearch`'s Client and send plain query DSL that every
 * supported engine answers the same way; what differs between engines lives in engine.ts and
 * templates.ts. Amazon OpenSearch Service domains that use IAM get a Connection that signs every
 * request (aws-sigv4.ts, ES_AWS_SIGV4).
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
    Transport: EngineNeutralTransport,
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
