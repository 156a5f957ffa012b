import net from 'node:net';

/**
 * What the proxy does with connections:
 * - `forward`: passes bytes both ways (a healthy engine);
 * - `refuse`: stops listening and drops every open connection (the engine process is gone);
 * - `reset`: accepts, then resets each connection at once (a crashing or restarting engine);
 * - `delay`: forwards, but holds every answer for `delayMs` (an overloaded engine).
 */
export type ProxyMode = 'forward' | 'refuse' | 'reset' | 'delay';

export interface TcpProxy {
  readonly port: number;
  /** `http://127.0.0.1:<port>`, for ES_URL. */
  readonly url: string;
  readonly mode: ProxyMode;
  /** Connections accepted so far (a test can check that traffic really went through). */
  readonly connections: number;
  setMode(mode: ProxyMode, delayMs?: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * A small TCP proxy in front of the shared test engine, to cut, reset or slow the connection
 * without touching the engine itself (other test runs use it at the same time).
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: ProxyMode = 'forward';
  let delayMs = 0;
  let connections = 0;
  const open = new Set<net.Socket>();

  const server = net.createServer((client) => {
    connections += 1;
    if (mode === 'reset') {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    open.add(client);
    open.add(upstream);
    const forget = () => {
      open.delete(client);
      open.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', forget).on('close', forget);
    upstream.on('error', forget).on('close', forget);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      const wait = mode === 'delay' ? delayMs : 0;
      if (wait === 0) client.write(chunk);
      else setTimeout(() => client.writable && client.write(chunk), wait).unref();
    });
  });

  const listen = (port: number) =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stopListening = () => new Promise<void>((resolve) => server.close(() => resolve()));
  const dropAll = () => {
    for (const socket of open) socket.resetAndDestroy();
    open.clear();
  };

  await listen(0);
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    get mode() {
      return mode;
    },
    get connections() {
      return connections;
    },
    async setMode(next, nextDelayMs = 0) {
      const wasListening = mode !== 'refuse';
      mode = next;
      delayMs = nextDelayMs;
      if (next === 'refuse' || next === 'reset') dropAll();
      if (next === 'refuse' && wasListening) await stopListening();
      // Same port again: the app under test keeps its ES_URL, as it would after an engine restart.
      if (next !== 'refuse' && !wasListening) await listen(port);
    },
    async close() {
      dropAll();
      if (mode !== 'refuse') await stopListening();
    },
  };
}
