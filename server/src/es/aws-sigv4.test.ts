import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { errors, Serializer, type ConnectionRequestParams } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { verifySigV4, type ReceivedRequest } from '../../test/sigv4-verifier.ts';
import {
  createSigV4Signer,
  parseQuerystring,
  signableRequest,
  sigV4Connection,
  type AwsCredentials,
} from './aws-sigv4.ts';
import { classifyEsError } from './errors.ts';
import {
  GET_VANILLA_CANONICAL_REQUEST,
  GET_VANILLA_STRING_TO_SIGN,
  SUITE,
  SUITE_CASES,
  type SuiteCase,
} from './__fixtures__/aws-sigv4-test-suite.ts';

interface Sent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string | Buffer | undefined;
}

/**
 * The connection Lookout's client uses, with undici's pool replaced by a recorder: what the
 * recorder sees is exactly what undici would have put on the wire (method, path with query
 * string, headers, body), so the test checks the signing path end to end without a network.
 */
function recordingConnection(
  settings: { region: string; service: string },
  credentials: AwsCredentials,
  url = `https://${SUITE.host}`,
  now = () => SUITE.signingDate,
) {
  const sign = createSigV4Signer({
    region: settings.region,
    service: settings.service,
    credentials: async () => credentials,
    now,
  });
  const Connection = sigV4Connection(sign);
  const connection = new Connection({ url: new URL(url) });
  const sent: Sent[] = [];
  Object.assign(connection, {
    pool: {
      request: async (params: Sent) => {
        sent.push(params);
        return {
          statusCode: 200,
          headers: { 'content-type': 'application/json' },
          body: Readable.from(['{}']),
        };
      },
    },
  });
  const send = (params: ConnectionRequestParams) =>
    connection.request(params, { requestId: 1, name: 'test', context: null });
  return { send, sent };
}

const suiteCredentials = (sessionToken?: string): AwsCredentials => ({
  accessKeyId: SUITE.accessKeyId,
  secretAccessKey: SUITE.secretAccessKey,
  ...(sessionToken ? { sessionToken } : {}),
});

/** The query string as the Elasticsearch client builds it from its parameters. */
const clientQuerystring = (query: SuiteCase['query']) =>
  new Serializer().qserialize(Object.fromEntries(query));

function received(sent: Sent): ReceivedRequest {
  const body = sent.body === undefined ? Buffer.alloc(0) : Buffer.from(sent.body);
  return { method: sent.method, target: sent.path, headers: Object.entries(sent.headers), body };
}

const verifyOptions = (sessionToken?: string) => ({
  credentials: suiteCredentials(sessionToken),
  region: SUITE.region,
  service: SUITE.service,
  now: SUITE.signingDate,
});

/** undici refuses a raw space or a non-Latin-1 character in a path, as the client never sends one. */
const sendable = (testCase: SuiteCase) => !/[^\u0021-\u00ff]/.test(testCase.path);

describe('SigV4 signing path against the published test suite', () => {
  it.each(SUITE_CASES.filter(sendable).map((testCase) => [testCase.name, testCase] as const))(
    '%s: the connection sends the published Authorization header',
    async (_name, testCase) => {
      const { send, sent } = recordingConnection(SUITE, suiteCredentials(testCase.sessionToken));
      await send({
        method: testCase.method,
        path: testCase.path,
        querystring: clientQuerystring(testCase.query),
        headers: testCase.headers,
        ...(testCase.body === undefined ? {} : { body: testCase.body }),
      });
      expect(sent).toHaveLength(1);
      expect(sent[0]!.headers.authorization).toBe(testCase.authorization);
      expect(sent[0]!.headers['x-amz-date']).toBe(SUITE.amzDate);
      expect(sent[0]!.headers.host).toBe(SUITE.host);
      // The independent verifier, fed what went on the wire, agrees.
      expect(verifySigV4(received(sent[0]!), verifyOptions(testCase.sessionToken))).toMatchObject({
        ok: true,
      });
    },
  );

  it.each(
    SUITE_CASES.filter((testCase) => !sendable(testCase)).map(
      (testCase) => [testCase.name, testCase] as const,
    ),
  )(
    '%s: the request the connection would sign carries the published Authorization header',
    async (_name, testCase) => {
      const sign = createSigV4Signer({
        region: SUITE.region,
        service: SUITE.service,
        credentials: async () => suiteCredentials(testCase.sessionToken),
        now: () => SUITE.signingDate,
      });
      const params = { method: testCase.method, path: testCase.path, headers: testCase.headers };
      const headers = await sign(
        signableRequest(new URL(`https://${SUITE.host}`), {}, params, testCase.body),
      );
      expect(headers.authorization).toBe(testCase.authorization);
    },
  );

  it('get-vanilla: the canonical request and string to sign of what was sent are the published ones', async () => {
    const { send, sent } = recordingConnection(SUITE, suiteCredentials());
    await send({ method: 'GET', path: '/' });
    const verdict = verifySigV4(received(sent[0]!), verifyOptions());
    expect(verdict.canonicalRequest).toBe(GET_VANILLA_CANONICAL_REQUEST);
    expect(verdict.stringToSign).toBe(GET_VANILLA_STRING_TO_SIGN);
    expect(createHash('sha256').update(GET_VANILLA_CANONICAL_REQUEST).digest('hex')).toBe(
      GET_VANILLA_STRING_TO_SIGN.split('\n').at(-1),
    );
  });
});

describe('the test verifier against the published test suite', () => {
  /** The suite's signed request, as the .req plus the published Authorization would arrive. */
  function publishedRequest(testCase: SuiteCase): ReceivedRequest {
    const querystring = clientQuerystring(testCase.query);
    return {
      method: testCase.method,
      target: testCase.path + (querystring === '' ? '' : `?${querystring}`),
      headers: [
        ['Host', SUITE.host],
        ['X-Amz-Date', SUITE.amzDate],
        ...Object.entries(testCase.headers),
        ...(testCase.sessionToken
          ? [['X-Amz-Security-Token', testCase.sessionToken] as [string, string]]
          : []),
        ['Authorization', testCase.authorization],
      ],
      body: Buffer.from(testCase.body ?? ''),
    };
  }

  it.each(SUITE_CASES.map((testCase) => [testCase.name, testCase] as const))(
    '%s: accepts the published signature',
    (_name, testCase) => {
      expect(verifySigV4(publishedRequest(testCase), verifyOptions(testCase.sessionToken))).toMatchObject({
        ok: true,
      });
    },
  );

  it('get-vanilla: computes the published canonical request and string to sign', () => {
    const vanilla = SUITE_CASES.find((testCase) => testCase.name === 'get-vanilla')!;
    expect(verifySigV4(publishedRequest(vanilla), verifyOptions())).toEqual({
      ok: true,
      canonicalRequest: GET_VANILLA_CANONICAL_REQUEST,
      stringToSign: GET_VANILLA_STRING_TO_SIGN,
    });
  });

  it('rejects a published request whose body, path or query was changed, or that is unsigned or stale', () => {
    const form = publishedRequest(
      SUITE_CASES.find((testCase) => testCase.name === 'post-x-www-form-urlencoded')!,
    );
    const query = publishedRequest(
      SUITE_CASES.find((testCase) => testCase.name === 'get-vanilla-empty-query-key')!,
    );
    const verdict = (request: ReceivedRequest, now = SUITE.signingDate) =>
      verifySigV4(request, { ...verifyOptions(), now });
    expect(verdict({ ...form, body: Buffer.from('Param1=value2') })).toMatchObject({ ok: false });
    expect(verdict({ ...form, target: '/other' })).toMatchObject({ ok: false });
    expect(verdict({ ...query, target: '/?Param1=value2' })).toMatchObject({ ok: false });
    expect(
      verdict({ ...form, headers: form.headers.filter(([name]) => name !== 'Authorization') }),
    ).toMatchObject({
      ok: false,
      reason: expect.stringContaining('unsigned'),
    });
    expect(verdict(form, new Date(SUITE.signingDate.getTime() + 5 * 60_000 + 1000))).toMatchObject({
      ok: false,
      reason: expect.stringContaining('stale'),
    });
    expect(verdict(form, new Date(SUITE.signingDate.getTime() + 4 * 60_000))).toMatchObject({ ok: true });
  });
});

describe('signing what the Elasticsearch client sends', () => {
  const credentials = {
    accessKeyId: 'AKIDLOOKOUT',
    secretAccessKey: 'lookout-test-secret',
    sessionToken: 'token-1',
  };
  const now = new Date();
  const options = (service: string) => ({ credentials, region: 'eu-west-1', service, now });
  const lookoutConnection = (service: string, url = 'https://search-logs.eu-west-1.es.amazonaws.com') =>
    recordingConnection({ region: 'eu-west-1', service }, credentials, url, () => now);

  it('signs an encoded index path, the query string and the NDJSON body byte for byte', async () => {
    const { send, sent } = lookoutConnection('es');
    const body = '{"index":{"_index":"ct-2026.12.03","_id":"é1"}}\n{"eventName":"ConsoleLogin"}\n';
    await send({
      method: 'POST',
      path: '/ct-2026.12.03%2Cct-2026.12.02/_bulk',
      querystring: 'refresh=wait_for&filter_path=items.*.error',
      headers: { 'content-type': 'application/x-ndjson', 'user-agent': 'elasticsearch-js' },
      body,
    });
    const request = received(sent[0]!);
    const verdict = verifySigV4(request, options('es'));
    expect(verdict).toMatchObject({ ok: true });
    expect(verdict.canonicalRequest?.split('\n')[1]).toBe('/ct-2026.12.03%252Cct-2026.12.02/_bulk');
    expect(sent[0]!.headers['x-amz-security-token']).toBe('token-1');
    // A managed domain hashes the body itself; only Serverless needs the header.
    expect(sent[0]!.headers['x-amz-content-sha256']).toBeUndefined();
    expect(
      verifySigV4({ ...request, body: Buffer.from(body.replace('é1', 'é2')) }, options('es')),
    ).toMatchObject({
      ok: false,
    });
  });

  it('for aoss, sends the body hash in x-amz-content-sha256 and signs it', async () => {
    const { send, sent } = lookoutConnection('aoss', 'https://x.aoss.amazonaws.com');
    await send({ method: 'POST', path: '/logs/_search', body: '{"size":0}' });
    const sha = createHash('sha256').update('{"size":0}').digest('hex');
    expect(sent[0]!.headers['x-amz-content-sha256']).toBe(sha);
    expect(sent[0]!.headers.authorization).toContain('x-amz-content-sha256');
    expect(verifySigV4(received(sent[0]!), options('aoss'))).toMatchObject({ ok: true });
  });

  it('keeps the node URL path prefix and a non-default port in what it signs', async () => {
    const { send, sent } = lookoutConnection('es', 'http://127.0.0.1:9443/opensearch/');
    await send({ method: 'GET', path: '/_cluster/health' });
    expect(sent[0]!.path).toBe('/opensearch/_cluster/health');
    expect(sent[0]!.headers.host).toBe('127.0.0.1:9443');
    expect(verifySigV4(received(sent[0]!), options('es'))).toMatchObject({ ok: true });
  });

  it('reads a streamed body whole and signs its bytes', async () => {
    const { send, sent } = lookoutConnection('es');
    await send({ method: 'PUT', path: '/x/_doc/1', body: Readable.from(['{"a":', '1}']) as never });
    expect(String(sent[0]!.body)).toBe('{"a":1}');
    expect(verifySigV4(received(sent[0]!), options('es'))).toMatchObject({
      ok: true,
    });
  });

  it('turns a credential failure into a connection error (the BFF answers 503)', async () => {
    const sign = createSigV4Signer({
      region: 'eu-west-1',
      service: 'es',
      credentials: async () => {
        throw new Error('Could not load credentials from any providers');
      },
    });
    const Connection = sigV4Connection(sign);
    const connection = new Connection({ url: new URL('https://example.amazonaws.com') });
    await expect(
      connection.request({ method: 'GET', path: '/' }, { requestId: 1, name: 'test', context: null }),
    ).rejects.toMatchObject({
      name: 'ConnectionError',
      message: expect.stringContaining('Could not load credentials'),
    });
  });

  it('parses the client query string into decoded pairs, keeping repeated keys', () => {
    expect(parseQuerystring('a=1&b=x%20y%2Bz&a=2&flag')).toEqual({ a: ['1', '2'], b: 'x y+z', flag: '' });
  });
});

describe('a refusal by Amazon OpenSearch Service', () => {
  it('is a 502 whose logged reason is the service message (a missing IAM permission, a bad signature)', () => {
    const message =
      'User: arn:aws:sts::123456789012:assumed-role/lookout/task is not authorized to perform: es:ESHttpPost';
    const refusal = new errors.ResponseError({
      body: { Message: message },
      statusCode: 403,
      headers: {},
      warnings: null,
      meta: {} as never,
    });
    expect(classifyEsError(refusal)).toMatchObject({ status: 502, rootCause: `403: ${message}` });
  });
});
