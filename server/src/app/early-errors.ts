import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { SPA_CSP_DIRECTIVES } from './http-protections.ts';

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/**
 * The headers @fastify/helmet puts on every routed response (see registerSecurityHeaders), for
 * the answers given before any hook runs: a URL the router cannot decode, a request line or
 * headers over Node's limit. A test compares the two sets, so they cannot drift apart.
 */
export const EARLY_SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': Object.entries(SPA_CSP_DIRECTIVES)
    .map(([directive, sources]) => `${kebab(directive)} ${sources.join(' ')}`)
    .join(';'),
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'same-origin',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'DENY',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

/**
 * Fastify's `frameworkErrors`: a URL that cannot be decoded (`/api/%c0`) or a path parameter over
 * the router's length. Answered with the security headers and without echoing the URL back.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const message =
    error.code === 'FST_ERR_BAD_URL'
      ? 'the URL is not valid (it holds a malformed percent-encoding)'
      : 'the URL is not valid';
  request.log.info({ code: error.code }, 'framework refused the request');
  void reply
    .headers(EARLY_SECURITY_HEADERS)
    .status(400)
    .send({ statusCode: 400, error: STATUS_CODES[400], message });
}

/**
 * Node's HTTP parser refused the request before Fastify saw it (431: request line and headers
 * over 16 KB; 408; anything malformed → 400). Fastify's default answer, plus the security headers.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'request line and headers larger than 16 KB; send fewer or shorter filter values']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'the request did not arrive in time']
        : [400, 'the request is not valid HTTP'];
  const body = JSON.stringify({ statusCode: status, error: STATUS_CODES[status], message });
  if (socket.writable) {
    const headers = Object.entries(EARLY_SECURITY_HEADERS)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Type: application/json; charset=utf-8\r\n${headers}Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
