import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A SigV4 verifier written from AWS's description of the algorithm, on node:crypto only, so the
 * tests of Lookout's signer (AWS's library plus what Lookout feeds it) do not check the library
 * against itself. It is held to the published test vectors too (aws-sigv4.test.ts).
 */
export interface VerifierCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** When set, the request must carry it in a signed `x-amz-security-token`. */
  sessionToken?: string;
}

export interface ReceivedRequest {
  method: string;
  /** The request target as received: path and query string, percent-encoded as sent. */
  target: string;
  /** Header lines as received; a name may repeat. */
  headers: Array<[string, string]>;
  body: Buffer;
}

export interface VerifyOptions {
  credentials: VerifierCredentials;
  region: string;
  service: string;
  now: Date;
  /** How far x-amz-date may be from `now`; AWS allows five minutes. */
  maxSkewMs?: number;
}

export type Verdict =
  | { ok: true; canonicalRequest: string; stringToSign: string }
  | { ok: false; reason: string; canonicalRequest?: string; stringToSign?: string };

const sha256Hex = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

/** RFC 3986 unreserved characters stay; every other byte becomes %XX (upper-case hex). */
function uriEncode(text: string, keepSlash: boolean): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-._~]/.test(char) || (keepSlash && char === '/')) out += char;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Removes `.`, `..` and empty segments, then encodes what was received once more (not S3). */
export function canonicalPath(path: string): string {
  const segments: string[] = [];
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  const trailing = segments.length > 0 && path.endsWith('/') ? '/' : '';
  return uriEncode(`/${segments.join('/')}${trailing}`, true);
}

function canonicalQuery(query: string): string {
  const pairs = query
    .split('&')
    .filter((pair) => pair !== '')
    .map((pair) => {
      const equals = pair.indexOf('=');
      const key = equals === -1 ? pair : pair.slice(0, equals);
      const value = equals === -1 ? '' : pair.slice(equals + 1);
      return [uriEncode(decodeURIComponent(key), false), uriEncode(decodeURIComponent(value), false)];
    });
  pairs.sort(([keyA = '', valueA = ''], [keyB = '', valueB = '']) =>
    keyA === keyB ? (valueA < valueB ? -1 : 1) : keyA < keyB ? -1 : 1,
  );
  return pairs.map(([key, value]) => `${key}=${value}`).join('&');
}

/** All values of one header, each trimmed with inner runs of spaces made one, joined by commas. */
function canonicalHeaderValue(headers: ReceivedRequest['headers'], name: string): string | undefined {
  const values = headers
    .filter(([candidate]) => candidate.toLowerCase() === name)
    .map(([, value]) => value.trim().replace(/\s+/g, ' '));
  return values.length === 0 ? undefined : values.join(',');
}

const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, ?SignedHeaders=([a-z0-9;-]+), ?Signature=([0-9a-f]{64})$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** Recomputes the signature of a received request and says whether, and if not why, it fails. */
export function verifySigV4(request: ReceivedRequest, options: VerifyOptions): Verdict {
  const authorization = canonicalHeaderValue(request.headers, 'authorization');
  if (authorization === undefined) return { ok: false, reason: 'unsigned: no Authorization header' };
  const parts = AUTHORIZATION.exec(authorization);
  if (!parts) return { ok: false, reason: 'not a SigV4 Authorization header' };
  const [, accessKeyId, scopeDate, region, service, signedHeaderList = '', signature = ''] = parts;
  if (accessKeyId !== options.credentials.accessKeyId) return { ok: false, reason: 'unknown access key' };
  if (region !== options.region || service !== options.service) {
    return { ok: false, reason: `scope ${region}/${service} is not ${options.region}/${options.service}` };
  }

  const amzDate = canonicalHeaderValue(request.headers, 'x-amz-date') ?? '';
  const date = AMZ_DATE.exec(amzDate);
  if (!date) return { ok: false, reason: 'no valid x-amz-date' };
  const [, year, month, day, hour, minute, second] = date;
  const signedAt = Date.UTC(+year!, +month! - 1, +day!, +hour!, +minute!, +second!);
  if (Math.abs(options.now.getTime() - signedAt) > (options.maxSkewMs ?? 5 * 60_000)) {
    return { ok: false, reason: `stale: signed at ${amzDate}` };
  }
  if (scopeDate !== amzDate.slice(0, 8))
    return { ok: false, reason: 'credential scope date is not x-amz-date' };

  const signedHeaders = signedHeaderList.split(';');
  for (const required of ['host', 'x-amz-date']) {
    if (!signedHeaders.includes(required)) return { ok: false, reason: `${required} is not signed` };
  }
  const token = canonicalHeaderValue(request.headers, 'x-amz-security-token');
  if (options.credentials.sessionToken !== undefined) {
    if (token !== options.credentials.sessionToken || !signedHeaders.includes('x-amz-security-token')) {
      return { ok: false, reason: 'x-amz-security-token missing, wrong or not signed' };
    }
  }
  const headerLines: string[] = [];
  for (const name of signedHeaders) {
    const value = canonicalHeaderValue(request.headers, name);
    if (value === undefined) return { ok: false, reason: `signed header ${name} is missing` };
    headerLines.push(`${name}:${value}\n`);
  }

  const bodyHash = sha256Hex(request.body);
  const declaredHash = canonicalHeaderValue(request.headers, 'x-amz-content-sha256');
  if (declaredHash !== undefined && declaredHash !== bodyHash) {
    return { ok: false, reason: 'x-amz-content-sha256 is not the hash of the body received' };
  }

  const questionMark = request.target.indexOf('?');
  const path = questionMark === -1 ? request.target : request.target.slice(0, questionMark);
  const query = questionMark === -1 ? '' : request.target.slice(questionMark + 1);
  const canonicalRequest = [
    request.method,
    canonicalPath(path),
    canonicalQuery(query),
    headerLines.join(''),
    signedHeaderList,
    bodyHash,
  ].join('\n');
  const scope = `${scopeDate}/${region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256Hex(canonicalRequest)].join('\n');

  let key = hmac(`AWS4${options.credentials.secretAccessKey}`, scopeDate!);
  for (const part of [region!, service!, 'aws4_request']) key = hmac(key, part);
  const expected = hmac(key, stringToSign);
  const received = Buffer.from(signature, 'hex');
  if (received.length !== expected.length || !timingSafeEqual(received, expected)) {
    return {
      ok: false,
      reason: 'signature does not match the request received',
      canonicalRequest,
      stringToSign,
    };
  }
  return { ok: true, canonicalRequest, stringToSign };
}
