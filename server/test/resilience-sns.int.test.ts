import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import type { FastifyInstance } from 'fastify';
import { createEsClient } from '../src/es/client.ts';
import { createDeploymentsBoard } from '../src/boards/deployments/board.ts';
import { DEPLOY_EVENT_EXAMPLE } from '../src/boards/deployments/schema.ts';
import { startFakeSnsHost, type FakeSnsHost } from './deployments-tls.ts';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.ts';
import { createResilienceIndices, type ResilienceIndices } from './resilience-indices.ts';
import { testApp, testConfig } from './helpers.ts';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:deployments';

describe('SNS redelivery across an Elasticsearch outage', () => {
  let client: Client;
  let host: FakeSnsHost;
  let proxy: TcpProxy;
  let indices: ResilienceIndices;
  let app: FastifyInstance;

  const signed = (messageId: string) => {
    const fields = {
      Type: 'Notification',
      MessageId: messageId,
      TopicArn: TOPIC,
      Subject: 'deploy',
      Message: JSON.stringify({ ...DEPLOY_EVENT_EXAMPLE, eventId: `event-${messageId}` }),
      Timestamp: '2026-11-26T13:46:42.000Z',
    };
    return JSON.stringify({
      ...fields,
      SignatureVersion: '1',
      Signature: host.sign(fields, '1'),
      SigningCertURL: host.certUrl,
      UnsubscribeURL: `${host.origin}/unsubscribe`,
    });
  };
  /** What SNS does on each (re)delivery: the very same body, posted again. */
  const deliver = async (body: string) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/ingest/sns',
      headers: { 'content-type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': 'Notification' },
      payload: body,
    });
    return { status: response.statusCode, body: response.json() as Record<string, unknown> };
  };
  const storedWithId = async (id: string) => {
    await client.indices.refresh({ index: indices.env.DEPLOYMENTS_INDEX! });
    return (await client.count({ index: indices.env.DEPLOYMENTS_INDEX!, query: { ids: { values: [id] } } }))
      .count;
  };

  beforeAll(async () => {
    client = createEsClient(testConfig().es);
    indices = await createResilienceIndices(client, 'resilience-sns');
    host = await startFakeSnsHost();
    const engine = new URL(testConfig().es.url);
    proxy = await startTcpProxy({ host: engine.hostname, port: Number(engine.port) });
    app = await testApp(
      { ...indices.env, ES_URL: proxy.url, SNS_TOPIC_ARNS: TOPIC, SNS_CERT_HOSTS: '127.0.0.1' },
      { boards: [createDeploymentsBoard({ tls: { ca: host.tlsCa } })] },
    );
  });

  afterAll(async () => {
    await app?.close();
    await proxy?.close();
    await host?.close();
    await indices?.remove();
    await client?.close();
  });

  it('answers 503 while the engine is down (SNS retries), then stores the redelivery once', async () => {
    const body = signed('msg-outage-1');
    await proxy.setMode('refuse');
    const during = await deliver(body);
    // A 5xx makes SNS deliver again later; a 2xx here would lose the event.
    expect(during.status).toBe(503);

    await proxy.setMode('forward');
    expect(await deliver(body)).toEqual({ status: 200, body: { outcome: 'stored' } });
    expect(await deliver(body)).toEqual({ status: 200, body: { outcome: 'already_present' } });
    expect(await storedWithId('msg-outage-1')).toBe(1);
  });
});
