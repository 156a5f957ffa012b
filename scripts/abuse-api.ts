// The abuse stage of `npm test` (issue #17): the shapes an adversarial pass found, bounded and on
// loopback, against a real BFF (its own process, token mode) and engine. Fails on any 5xx, on an
// answer other than the documented one, and on a /api/health answer slower than 1 s meanwhile.
// Usage: node --import tsx scripts/abuse-api.ts   (ES_URL, else the local `test` engine; E2E_PORT+1)
import { connect } from 'node:net';
import { engineForScript } from './script-engine.ts';
import {
  abusiveBodies,
  ingestHeaders,
  READ_TOKEN,
  send,
  SNS_TOPIC,
  startBff,
  underHealthProbe,
  validEcsEvent,
  type Answer,
} from '../server/bench/abuse-kit.ts';

const HEALTH_BUDGET_MS = 1_000;

/** The status Node's parser or Fastify gives a raw request line (`curl --path-as-is`). */
function rawStatus(port: number, request: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve(Number(text.split(' ')[1])));
  });
}

async function main(): Promise<number> {
  const engine = await engineForScript();
  const esUrl = engine.url;
  const port = Number(process.env.E2E_PORT ?? 8090) + 1;
  const index = `abuse-ecs-${Date.now().toString(36)}`;
  const bff = await startBff(esUrl, port, { ECS_EVENTS_INDEX: index, SNS_RATE_LIMIT_PER_MINUTE: '0' });
  const read = { authorization: `Bearer ${READ_TOKEN}` };
  const get = (url: string, label: string) => send(bff.base, url, { headers: read }, label);
  const ecs = (body: string, label: string) =>
    send(bff.base, '/api/ingest/ecs-events', { method: 'POST', body, headers: ingestHeaders }, label);
  const sns = (body: string, label: string) =>
    send(
      bff.base,
      '/api/ingest/sns',
      { method: 'POST', body, headers: { 'content-type': 'text/plain' } },
      label,
    );
  const forged = (sort: string) => Buffer.from(sort).toString('base64url');
  const snsWithCertQuery = (n: number) =>
    JSON.stringify({
      Type: 'Notification',
      MessageId: `abuse-${n}`,
      TopicArn: SNS_TOPIC,
      Message: '{}',
      Timestamp: new Date().toISOString(),
      SignatureVersion: '1',
      Signature: 'AAAA',
      SigningCertURL: `https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem?n=${n}`,
    });

  const started = performance.now();
  try {
    await ecs(JSON.stringify(validEcsEvent('warm')), 'warm-up');
    const figures = await underHealthProbe(bff, async () => {
      const answers: Answer[] = [];
      answers.push(await ecs(abusiveBodies.millionEmptyObjects(), 'row 1: 1,000,000 objects'));
      answers.push(await ecs(abusiveBodies.validThenTwoMillionZeros(), 'row 1: valid + 2,000,000 zeros'));
      answers.push(
        ...(await Promise.all([
          ecs(abusiveBodies.deepPoisonEvent(), 'row 2: poison'),
          ...Array.from({ length: 100 }, (_, n) =>
            ecs(JSON.stringify(validEcsEvent(`abuse-${n}`)), 'row 2: valid'),
          ),
        ])),
      );
      for (const [url, label] of [
        ['/api/cloudtrail/summary?from=now-99999999999999999999d&to=now', 'row 3: date math'],
        ['/api/deployments/kpis?from=now-99999999999999999999d', 'row 3: date math'],
        ['/api/containers/timeline?from=now-99999999999999999999d', 'row 3: date math'],
        [`/api/deployments/failures?cursor=${forged('[1e400,"x"]')}`, 'row 4: forged cursor'],
        [`/api/cloudtrail/events?cursor=${forged('[9223372036854775808,"x"]')}`, 'row 4: forged cursor'],
        ['/api/cloudtrail/top-calls?interval=99999999999999999999d', 'row 4: interval'],
        ['/api/cloudtrail/summary?sourceIp=abc', 'row 4: sourceIp'],
        ['/api/containers/failures?from=now-91d', 'row 10: 91 days'],
      ] as const) {
        answers.push(await get(url, label));
      }
      answers.push(
        ...(await Promise.all(
          Array.from({ length: 100 }, (_, n) => sns(snsWithCertQuery(n), 'row 5: cert URL')),
        )),
      );
      answers.push(
        ...(await Promise.all(
          Array.from({ length: 100 }, () => sns(abusiveBodies.deepSnsArray(), 'row 6: deep SNS')),
        )),
      );
      answers.push({
        status: await rawStatus(port, 'GET /api/%c0 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
        bytes: 0,
        label: 'row 8: bad URL',
      });
      answers.push({
        status: await rawStatus(
          port,
          `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
        ),
        bytes: 0,
        label: 'row 8: 431',
      });
      return answers;
    });

    const expected = (label: string) =>
      label === 'row 2: valid'
        ? 200
        : label.startsWith('row 1:')
          ? 413
          : label.startsWith('row 8: 431')
            ? 431
            : label.startsWith('row 5')
              ? 403
              : 400;
    const wrong = figures.answers.filter((answer) => answer.status !== expected(answer.label ?? ''));
    const serverErrors = figures.answers.filter((answer) => answer.status >= 500);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.log(
      `abuse: ${figures.answers.length} requests in ${seconds} s; slowest /api/health ${figures.slowestHealthMs.toFixed(0)} ms ` +
        `(budget ${HEALTH_BUDGET_MS}); BFF RSS ${figures.rssBeforeMb.toFixed(0)} → ${figures.rssPeakMb.toFixed(0)} MB; ` +
        `${serverErrors.length} answers with 5xx, ${wrong.length} not as documented`,
    );
    for (const answer of wrong.slice(0, 20))
      console.log(`  ${answer.label}: ${answer.status}, expected ${expected(answer.label ?? '')}`);
    return serverErrors.length === 0 && wrong.length === 0 && figures.slowestHealthMs < HEALTH_BUDGET_MS
      ? 0
      : 1;
  } finally {
    await bff.stop();
    await fetch(`${esUrl}/${index}`, { method: 'DELETE' }).catch(() => undefined);
    await engine.release();
  }
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  return 1;
});
