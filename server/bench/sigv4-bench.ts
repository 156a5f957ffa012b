/**
 * What SigV4 signing costs a request: the same search and the same `_bulk` body sent to the same
 * engine by Lookout's client with ES_AWS_SIGV4=true and without it, timed one after the other.
 * The local engine does not check signatures, so the difference is the signing alone (hashing
 * the body, the canonical request, the HMACs). Prints; fails on no number.
 *
 *   ES_URL=http://127.0.0.1:9201 pnpm --filter @lookout/server bench:sigv4 [-- --rounds 50]
 */
import type { Client } from '@elastic/elasticsearch';
import { loadConfig } from '../src/app/config.ts';
import { createEsClient } from '../src/es/client.ts';
import { createSigV4Signer, signableRequest } from '../src/es/aws-sigv4.ts';
import { ms, parseBenchFlags, percentile, printTable } from './bench-kit.ts';

const flags = parseBenchFlags(process.argv.slice(2), { rounds: '50' }, []);
const rounds = flags.rounds ?? 50;
const index = `bench-sigv4-${process.pid}`;

// Static test credentials through the standard chain's first link; never sent anywhere but ES_URL.
Object.assign(process.env, {
  AWS_ACCESS_KEY_ID: 'AKIDBENCH',
  AWS_SECRET_ACCESS_KEY: 'bench-secret',
  AWS_SESSION_TOKEN: 'bench-token',
});
delete process.env.AWS_PROFILE;

const url = process.env.ES_URL ?? 'http://127.0.0.1:9201';
const unsigned = createEsClient(loadConfig({ ES_URL: url }).es);
const signed = createEsClient(loadConfig({ ES_URL: url, ES_AWS_SIGV4: 'true', AWS_REGION: 'eu-west-1' }).es);

function bulkBody(megabytes: number): string {
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < megabytes * 1_048_576; i += 1) {
    const action = JSON.stringify({ index: { _index: index, _id: String(i) } });
    const doc = JSON.stringify({ '@timestamp': Date.now(), message: `event ${i} `.padEnd(400, 'x') });
    lines.push(action, doc);
    size += action.length + doc.length + 2;
  }
  return `${lines.join('\n')}\n`;
}

async function timeEach(client: Client, send: (client: Client) => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await send(client);
  return performance.now() - started;
}

/** Unsigned and signed alternate round by round, so load on the machine hits both alike. */
async function compare(
  name: string,
  send: (client: Client) => Promise<unknown>,
  count: number,
): Promise<string[]> {
  for (let i = 0; i < 3; i += 1) {
    await send(unsigned);
    await send(signed);
  }
  const plain: number[] = [];
  const withSigV4: number[] = [];
  for (let i = 0; i < count; i += 1) {
    plain.push(await timeEach(unsigned, send));
    withSigV4.push(await timeEach(signed, send));
  }
  const p50 = [percentile(plain, 50), percentile(withSigV4, 50)] as const;
  return [
    name,
    ms(p50[0]),
    ms(p50[1]),
    ms(p50[1] - p50[0]),
    ms(percentile(plain, 95)),
    ms(percentile(withSigV4, 95)),
  ];
}

/** The signer on its own, as the connection calls it: stable figures where the engine's are noisy. */
async function signingAlone(bodies: Array<[string, string]>): Promise<string[][]> {
  const sign = createSigV4Signer({
    region: 'eu-west-1',
    service: 'es',
    credentials: async () => ({ accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' }),
  });
  const node = new URL('https://search-logs.eu-west-1.es.amazonaws.com');
  const rows: string[][] = [];
  for (const [name, body] of bodies) {
    const samples: number[] = [];
    for (let i = 0; i < rounds; i += 1) {
      const started = performance.now();
      await sign(signableRequest(node, {}, { method: 'POST', path: `/${index}/_bulk` }, body));
      samples.push(performance.now() - started);
    }
    rows.push([name, ms(percentile(samples, 50)), ms(percentile(samples, 95))]);
  }
  return rows;
}

const search = {
  index,
  size: 0,
  query: { range: { '@timestamp': { gte: 0 } } },
  aggs: { per_minute: { date_histogram: { field: '@timestamp', fixed_interval: '1m' } } },
};
const oneMb = bulkBody(1);
const fiveMb = bulkBody(5);

try {
  await unsigned.bulk({ body: oneMb, refresh: true });
  const rows = [
    await compare('search (aggregation)', (client) => client.search(search), rounds),
    await compare(
      '_bulk 1 MB',
      (client) => client.bulk({ body: oneMb }),
      Math.max(5, Math.floor(rounds / 5)),
    ),
    await compare(
      '_bulk 5 MB',
      (client) => client.bulk({ body: fiveMb }),
      Math.max(3, Math.floor(rounds / 10)),
    ),
  ];
  printTable(
    'Signing alone, no network (ms per request)',
    ['request', 'p50', 'p95'],
    await signingAlone([
      ['search (aggregation)', JSON.stringify(search)],
      ['_bulk 1 MB', oneMb],
      ['_bulk 5 MB', fiveMb],
    ]),
  );
  printTable(
    `SigV4 signing cost against ${url} (ms; baseline: the same client unsigned)`,
    ['request', 'p50 unsigned', 'p50 signed', 'p50 +', 'p95 unsigned', 'p95 signed'],
    rows,
  );
} finally {
  await unsigned.indices.delete({ index, ignore_unavailable: true });
  await unsigned.close();
  await signed.close();
}
