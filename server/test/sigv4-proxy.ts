import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifySigV4, type ReceivedRequest, type VerifierCredentials } from './sigv4-verifier.ts';

/**
 * What the proxy does to a request before it checks the signature:
 * - `verify`: nothing (an honest network);
 * - `tamper-body` / `tamper-path` / `tamper-query`: changes the body, the index in the path or the
 *   query string after the client signed it, as someone in the path would.
 * A request whose signature does not verify gets 403 and never reaches the engine.
 */
export type SigV4ProxyMode = 'verify' | 'tamper-body' | 'tamper-path' | 'tamper-query';

export interface SigV4ProxyOptions {
  credentials: VerifierCredentials;
  region: string;
  service: string;
}

export interface SigV4Proxy {
  /** `http://127.0.0.1:<port>`, for ES_URL. */
  readonly url: string;
  /** Every request received, with its verdict. */
  readonly seen: Array<{ method: string; target: string; ok: boolean; reason?: string }>;
  /** Requests passed on to the engine (only verified ones ever are). */
  readonly forwarded: number;
  setMode(mode: SigV4ProxyMode): void;
  close(): Promise<void>;
}

function tamper(request: ReceivedRequest, mode: SigV4ProxyMode): ReceivedRequest {
  const [path = '/', query] = request.target.split(/\?(.*)/s);
  switch (mode) {
    case 'tamper-body':
      // Still valid JSON and NDJSON: only the signature can tell.
      return { ...request, body: Buffer.concat([request.body, Buffer.from(' ')]) };
    case 'tamper-path':
      return { ...request, target: path.replace(/^\/([^/]*)/, '/tampered-$1') + (query ? `?${query}` : '') };
    case 'tamper-query':
      return { ...request, target: `${path}?${query ? `${query}&` : ''}ignore_unavailable=true` };
    default:
      return request;
  }
}

async function readRequest(incoming: IncomingMessage): Promise<ReceivedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  const headers: Array<[string, string]> = [];
  for (let i = 0; i < incoming.rawHeaders.length; i += 2) {
    headers.push([incoming.rawHeaders[i]!, incoming.rawHeaders[i + 1]!]);
  }
  return {
    method: incoming.method ?? 'GET',
    target: incoming.url ?? '/',
    headers,
    body: Buffer.concat(chunks),
  };
}

/**
 * A loopback HTTP proxy in front of the shared test engine that plays Amazon OpenSearch Service's
 * part: it recomputes every request's SigV4 signature with the known test credentials and
 * forwards only those that match (and are less than five minutes old).
 */
export async function startSigV4Proxy(target: URL, options: SigV4ProxyOptions): Promise<SigV4Proxy> {
  let mode: SigV4ProxyMode = 'verify';
  let forwarded = 0;
  const seen: SigV4Proxy['seen'] = [];

  const server = createServer((incoming, outgoing) => {
    void readRequest(incoming).then((original) => {
      const request = tamper(original, mode);
      const verdict = verifySigV4(request, { ...options, now: new Date() });
      seen.push({
        method: request.method,
        target: request.target,
        ok: verdict.ok,
        ...(verdict.ok ? {} : { reason: verdict.reason }),
      });
      if (!verdict.ok) {
        outgoing.writeHead(403, { 'content-type': 'application/json' });
        outgoing.end(JSON.stringify({ message: verdict.reason }));
        return;
      }
      forwarded += 1;
      const headers = Object.fromEntries(
        request.headers.filter(([name]) => !/^(content-length|transfer-encoding)$/i.test(name)),
      );
      const forward = httpRequest(
        {
          host: target.hostname,
          port: target.port,
          method: request.method,
          path: request.target,
          headers: { ...headers, 'content-length': String(request.body.length) },
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      forward.on('error', () => outgoing.destroy());
      forward.end(request.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    get forwarded() {
      return forwarded;
    },
    setMode(next) {
      mode = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
