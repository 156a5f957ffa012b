import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testApp } from './helpers.ts';

/** Sends raw bytes (curl --path-as-is), answers the raw response: status line, headers, body. */
function raw(
  port: number,
  request: string,
): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [
          line.slice(0, line.indexOf(':')).toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
      );
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body });
    });
  });
}

/**
 * Issue #17 rows 8 and 9: the answers Fastify and Node give before any hook runs carry the same
 * security headers as every routed answer, echo nothing back, and every status has its reason
 * phrase. A real listening server: `app.inject` never reaches Node's HTTP parser.
 */
describe('early errors', () => {
  let app: FastifyInstance;
  let port: number;
  beforeAll(async () => {
    app = await testApp();
    await app.listen({ host: '127.0.0.1', port: 0 });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(async () => app.close());

  const securityHeaderNames = (headers: Record<string, string>) =>
    Object.keys(headers)
      .filter((name) =>
        /^(content-security-policy|strict-transport|x-|referrer|cross-origin|origin-agent)/.test(name),
      )
      .filter((name) => !name.startsWith('x-ratelimit'))
      .sort();

  it('answers a URL that cannot be decoded with 400, the security headers and no echo', async () => {
    const routed = await raw(port, 'GET /api/no-such-route HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const bad = await raw(port, 'GET /api/%c0 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    expect(bad.status).toBe(400);
    expect(securityHeaderNames(bad.headers)).toEqual(securityHeaderNames(routed.headers));
    expect(bad.headers['content-security-policy']).toBe(routed.headers['content-security-policy']);
    expect(JSON.parse(bad.body)).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      message: 'the URL is not valid (it holds a malformed percent-encoding)',
    });
  });

  it('answers headers over 16 KB with 431 and the security headers', async () => {
    const routed = await raw(port, 'GET /api/no-such-route HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    const big = await raw(
      port,
      `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(big.status).toBe(431);
    expect(securityHeaderNames(big.headers)).toEqual(securityHeaderNames(routed.headers));
    expect(JSON.parse(big.body)).toMatchObject({ statusCode: 431, error: 'Request Header Fields Too Large' });
  });

  it('names every status by its reason phrase, never a bare "Error"', async () => {
    const refused = await app.inject({
      method: 'POST',
      url: '/api/ingest/sns',
      headers: { 'content-type': 'text/plain' },
      payload: '{}',
    });
    expect(refused.json().error).toBe('Bad Request');
    const forbidden = await app.inject({
      method: 'POST',
      url: '/api/ingest/sns',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({
        Type: 'Notification',
        MessageId: 'm',
        TopicArn: 'arn:aws:sns:eu-west-1:1:nope',
        Message: 'x',
        Timestamp: '2026-11-26T13:46:42.000Z',
      }),
    });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error).toBe('Forbidden');
  });
});
