import { createSnsVerifier, MAX_CACHED_CERTIFICATES } from '../src/boards/deployments/sns/verify.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import type { FastifyInstance } from 'fastify';
import { createEsClient } from '../src/es/client.ts';
import { installIndexTemplates } from '../src/es/templates.ts';
import { deploymentsIndexTemplate } from '../src/boards/deployments/mapping.ts';
import { createDeploymentsBoard } from '../src/boards/deployments/board.ts';
import { containersBoard } from '../src/boards/containers/board.ts';
import { taskEvents } from './containers-fixtures.ts';
import { DEPLOY_EVENT_EXAMPLE } from '../src/boards/deployments/schema.ts';
import { startFakeSnsHost, type FakeSnsHost } from './deployments-tls.ts';
import { testApp, testConfig, uniqueIndex } from './helpers.ts';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:deployments';
const OTHER_TOPIC = 'arn:aws:sns:eu-west-1:123456789012:someone-else';

describe('POST /api/ingest/sns, as Amazon SNS calls it, against the real Elasticsearch', () => {
  const index = uniqueIndex('lookout-deployments-sns');
  const ecsIndex = uniqueIndex('lookout-ecs-events-sns');
  let client: Client;
  let app: FastifyInstance;
  let host: FakeSnsHost;
  let sequence = 0;

  type Signed = Record<string, string> & { MessageId: string; Message: string; Subject?: string };

  const notification = (
    message: object,
    overrides: Record<string, string> = {},
    version: '1' | '2' = '1',
  ): Signed => {
    sequence += 1;
    const fields = {
      Type: 'Notification',
      MessageId: `msg-${sequence}`,
      TopicArn: TOPIC,
      Subject: 'deploy',
      Message: JSON.stringify(message),
      Timestamp: '2026-11-26T13:46:42.000Z',
      ...overrides,
    };
    return {
      ...fields,
      SignatureVersion: version,
      Signature: host.sign(fields, version),
      SigningCertURL: host.certUrl,
      UnsubscribeURL: `${host.origin}/unsubscribe`,
    };
  };

  const post = async (body: object | string, type = 'Notification') => {
    const payload = typeof body === 'string' ? body : JSON.stringify(body);
    const response = await app.inject({
      method: 'POST',
      url: '/api/ingest/sns',
      headers: {
        'content-type': 'text/plain; charset=UTF-8',
        'x-amz-sns-message-type': type,
        'x-amz-sns-topic-arn': TOPIC,
        'user-agent': 'Amazon Simple Notification Service Agent',
      },
      payload,
    });
    return { status: response.statusCode, body: response.json() as Record<string, unknown> };
  };

  const stored = async () => {
    await client.indices.refresh({ index, ignore_unavailable: true });
    const { hits } = await client.search<Record<string, unknown>>({
      index,
      size: 100,
      ignore_unavailable: true,
    });
    return hits.hits;
  };

  beforeAll(async () => {
    host = await startFakeSnsHost();
    client = createEsClient(testConfig().es);
    const template = deploymentsIndexTemplate(index);
    await installIndexTemplates(client, [
      { name: `${template.name}-${index}`, body: { ...template.body, priority: 300 } },
    ]);
    app = await testApp(
      {
        DEPLOYMENTS_INDEX: index,
        ECS_EVENTS_INDEX: ecsIndex,
        SNS_TOPIC_ARNS: TOPIC,
        SNS_CERT_HOSTS: '127.0.0.1',
      },
      { boards: [createDeploymentsBoard({ tls: { ca: host.tlsCa } }), containersBoard] },
    );
  });

  afterAll(async () => {
    await app?.close();
    await host?.close();
    await client?.indices.delete({ index: [index, ecsIndex], ignore_unavailable: true });
    await client?.indices
      .deleteIndexTemplate({ name: `lookout-deployments-${index}` })
      .catch(() => undefined);
    await client?.close();
  });

  it('stores a correctly signed notification (SignatureVersion 1), classified, with _id = MessageId', async () => {
    const message = notification(DEPLOY_EVENT_EXAMPLE);
    expect(await post(message)).toEqual({ status: 200, body: { outcome: 'stored' } });
    const hits = await stored();
    expect(hits).toHaveLength(1);
    expect(hits[0]?._id).toBe(message.MessageId);
    expect(hits[0]?._source).toMatchObject({
      service: 'checkout-api',
      phase: 'failed',
      '@timestamp': '2026-11-26T13:46:41Z',
      cause: 'platform',
      ruleId: 'platform-registry',
      sns: { messageId: message.MessageId, topicArn: TOPIC },
    });
  });

  it('stores a SignatureVersion 2 (SHA256withRSA) notification without a Subject', async () => {
    const event = { ...DEPLOY_EVENT_EXAMPLE, eventId: 'ev-v2', phase: 'succeeded', failure: undefined };
    const message = notification(event, {}, '2');
    const { Subject: _subject, ...withoutSubject } = message;
    const fields = { ...withoutSubject, Signature: host.sign(withoutSubject, '2') };
    expect(await post(fields)).toEqual({ status: 200, body: { outcome: 'stored' } });
    expect(await stored()).toHaveLength(2);
  });

  it('refuses a tampered message with 403 and stores nothing', async () => {
    const message = notification({ ...DEPLOY_EVENT_EXAMPLE, eventId: 'ev-tampered' });
    const tampered = { ...message, Message: message.Message.replace('checkout-api', 'evil-api') };
    const response = await post(tampered);
    expect(response.status).toBe(403);
    expect(response.body.message).toMatch(/signature .* does not verify/);
    expect(await stored()).toHaveLength(2);
  });

  it('refuses a topic not in SNS_TOPIC_ARNS with 403, even when correctly signed', async () => {
    const response = await post(
      notification({ ...DEPLOY_EVENT_EXAMPLE, eventId: 'ev-other' }, { TopicArn: OTHER_TOPIC }),
    );
    expect(response.status).toBe(403);
    expect(response.body.message).toContain('not in SNS_TOPIC_ARNS');
    expect(await stored()).toHaveLength(2);
  });

  it('refuses a certificate URL on a host not allowed (localhost is not 127.0.0.1) or not HTTPS', async () => {
    const onOtherHost = {
      ...notification(DEPLOY_EVENT_EXAMPLE),
      SigningCertURL: host.certUrl.replace('127.0.0.1', 'localhost'),
    };
    const first = await post(onOtherHost);
    expect(first.status).toBe(403);
    expect(first.body.message).toContain('host localhost is not in SNS_CERT_HOSTS');
    const overHttp = {
      ...notification(DEPLOY_EVENT_EXAMPLE),
      SigningCertURL: host.certUrl.replace('https:', 'http:'),
    };
    expect((await post(overHttp)).status).toBe(403);
    expect(await stored()).toHaveLength(2);
  });

  it('stores the same MessageId once: an SNS retry is "already present"', async () => {
    const message = notification({ ...DEPLOY_EVENT_EXAMPLE, eventId: 'ev-retried' });
    expect((await post(message)).body).toEqual({ outcome: 'stored' });
    expect((await post(message)).body).toEqual({ outcome: 'already_present' });
    const hits = await stored();
    expect(hits.filter((hit) => hit._id === message.MessageId)).toHaveLength(1);
    expect(hits).toHaveLength(3);
  });

  it('confirms a subscription by visiting SubscribeURL on an allowed host', async () => {
    const fields: Record<string, string> = {
      Type: 'SubscriptionConfirmation',
      MessageId: 'confirm-1',
      Token: 'token-123',
      TopicArn: TOPIC,
      Message: `You have chosen to subscribe to the topic ${TOPIC}.`,
      SubscribeURL: `${host.origin}/confirm?Action=ConfirmSubscription&Token=token-123`,
      Timestamp: '2026-11-26T12:00:00.000Z',
    };
    const body = {
      ...fields,
      SignatureVersion: '1',
      Signature: host.sign(fields, '1'),
      SigningCertURL: host.certUrl,
    };
    expect(await post(body, 'SubscriptionConfirmation')).toEqual({
      status: 200,
      body: { outcome: 'confirmed' },
    });
    expect(host.subscribeVisits).toEqual(['/confirm?Action=ConfirmSubscription&Token=token-123']);
  });

  it('logs, without visiting, a SubscribeURL on a host not allowed, and logs an UnsubscribeConfirmation', async () => {
    const confirmation = (type: string, subscribeUrl: string) => {
      const fields: Record<string, string> = {
        Type: type,
        MessageId: `${type}-1`,
        Token: 'token-456',
        TopicArn: TOPIC,
        Message: 'confirm',
        SubscribeURL: subscribeUrl,
        Timestamp: '2026-11-26T12:00:00.000Z',
      };
      return {
        ...fields,
        SignatureVersion: '2',
        Signature: host.sign(fields, '2'),
        SigningCertURL: host.certUrl,
      };
    };
    const elsewhere = `${host.origin.replace('127.0.0.1', 'localhost')}/confirm?Token=token-456`;
    expect(
      await post(confirmation('SubscriptionConfirmation', elsewhere), 'SubscriptionConfirmation'),
    ).toEqual({
      status: 200,
      body: { outcome: 'logged', detail: 'confirm by opening SubscribeURL' },
    });
    expect(
      await post(
        confirmation('UnsubscribeConfirmation', `${host.origin}/confirm`),
        'UnsubscribeConfirmation',
      ),
    ).toEqual({
      status: 200,
      body: { outcome: 'logged' },
    });
    expect(host.subscribeVisits).toHaveLength(1);
  });

  it('describes the endpoint and the deploy event (with its example) in the OpenAPI document', async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, unknown>;
    };
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/ingest/sns',
        '/api/deployments/kpis',
        '/api/deployments/failures',
        '/api/deployments/services',
      ]),
    );
  });

  it('routes an ECS Task State Change to the containers board (202), stored there once, nothing here', async () => {
    const [ecs] = taskEvents({
      name: 'sns-routed',
      service: 'checkout-api',
      createdAtMs: Date.parse('2026-11-26T10:00:00Z'),
      stoppedAtMs: Date.parse('2026-11-26T10:01:00Z'),
      stopCode: 'TaskFailedToStart',
      stoppedReason: 'CannotPullContainerError: not found',
      containers: [{ name: 'app', image: 'checkout-api:9', noRuntime: true }],
    });
    const message = notification(ecs!);
    expect(await post(message)).toEqual({
      status: 202,
      body: { outcome: 'routed_elsewhere', detail: 'ECS task state change stored by the containers board' },
    });
    // An SNS retry of the same message: the containers board already has taskArn:version.
    expect((await post(message)).body).toEqual({
      outcome: 'routed_elsewhere',
      detail: 'ECS task state change already_present by the containers board',
    });
    await client.indices.refresh({ index: ecsIndex });
    const { hits } = await client.search<{ lookout: { failureReason: string } }>({ index: ecsIndex });
    expect(hits.hits.map((hit) => [hit._id, hit._source?.lookout.failureReason])).toEqual([
      [`${ecs!.detail.taskArn}:${ecs!.detail.version}`, 'image-pull'],
    ]);
    expect(await stored()).toHaveLength(3);
  });

  it('maps an AWS CodeDeploy trigger notification to a classified deploy event', async () => {
    const trigger = {
      region: 'eu-west-1',
      accountId: '123456789012',
      eventTriggerName: 'deploys',
      applicationName: 'legacy-billing',
      deploymentId: 'd-ABCDEF123',
      deploymentGroupName: 'production',
      createTime: 'Thu Nov 26 12:00:00 UTC 2026',
      completeTime: 'Thu Nov 26 12:05:00 UTC 2026',
      status: 'FAILED',
      errorInformation:
        '{"ErrorCode":"HEALTH_CONSTRAINTS","ErrorMessage":"agent crashed on 2 of 4 instances"}',
    };
    const message = notification(trigger);
    expect((await post(message)).body).toEqual({ outcome: 'stored' });
    const hit = (await stored()).find((h) => h._id === message.MessageId);
    expect(hit?._source).toMatchObject({
      kind: 'deploy',
      phase: 'failed',
      service: 'legacy-billing',
      environment: 'production',
      platform: 'codedeploy',
      durationMs: 300_000,
      failure: { stage: 'codedeploy', code: 'HEALTH_CONSTRAINTS' },
      cause: 'platform',
      ruleId: 'platform-agent-crash',
    });
  });

  it('stores unsigned notifications only when SNS_VERIFY=false, and still checks the topic', async () => {
    const unverified = await testApp(
      { DEPLOYMENTS_INDEX: index, SNS_TOPIC_ARNS: TOPIC, SNS_VERIFY: 'false' },
      { boards: [createDeploymentsBoard()] },
    );
    try {
      const send = (body: object) =>
        unverified.inject({
          method: 'POST',
          url: '/api/ingest/sns',
          headers: { 'content-type': 'text/plain; charset=UTF-8' },
          payload: JSON.stringify(body),
        });
      const unsigned = {
        Type: 'Notification',
        MessageId: 'unsigned-1',
        TopicArn: TOPIC,
        Message: JSON.stringify({ ...DEPLOY_EVENT_EXAMPLE, eventId: 'ev-unsigned' }),
        Timestamp: '2026-11-26T13:46:42.000Z',
      };
      expect((await send(unsigned)).statusCode).toBe(200);
      expect((await send({ ...unsigned, MessageId: 'unsigned-2', TopicArn: OTHER_TOPIC })).statusCode).toBe(
        403,
      );
      // the verifying app refuses the same unsigned message
      expect((await post({ ...unsigned, MessageId: 'unsigned-3' })).status).toBe(403);
      const ids = (await stored()).map((hit) => hit._id);
      expect(ids).toContain('unsigned-1');
      expect(ids).not.toContain('unsigned-2');
      expect(ids).not.toContain('unsigned-3');
    } finally {
      await unverified.close();
    }
  });

  it('answers 413 to a body over the limit and 400 to one that is not SNS JSON', async () => {
    const huge = notification({ ...DEPLOY_EVENT_EXAMPLE, padding: 'x'.repeat(400 * 1024) });
    expect((await post(huge)).status).toBe(413);
    expect((await post('not json')).status).toBe(400);
    expect((await post({ Type: 'Notification' })).status).toBe(400);
  });

  it('refuses certificate URLs not in the shape AWS uses before fetching anything (#17 row 5)', async () => {
    const fetchesBefore = host.certFetches();
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, n) =>
        post({
          ...notification(DEPLOY_EVENT_EXAMPLE),
          Signature: 'AAAA',
          SigningCertURL: `${host.certUrl}?v=${n}`,
        }),
      ),
    );
    expect(new Set(answers.map((answer) => answer.status))).toEqual(new Set([403]));
    expect(answers[0]!.body).toMatchObject({
      error: 'Forbidden',
      message: 'SigningCertURL has a query string, fragment or user; AWS certificate URLs have none',
    });
    const wrongPath = await post({
      ...notification(DEPLOY_EVENT_EXAMPLE),
      SigningCertURL: `${host.origin}/cert.pem`,
    });
    expect(wrongPath.body.message).toBe('SigningCertURL path is not /SimpleNotificationService-<hex>.pem');
    expect(host.certFetches()).toBe(fetchesBefore);
  });

  it('keeps at most 32 signing certificates, however many distinct ones are named', async () => {
    const verifier = createSnsVerifier({
      topicArns: [TOPIC],
      certHosts: ['127.0.0.1'],
      tls: { ca: host.tlsCa },
    });
    for (let n = 0; n < 40; n += 1) {
      const message = {
        ...notification(DEPLOY_EVENT_EXAMPLE),
        SigningCertURL: `${host.origin}/SimpleNotificationService-${n.toString(16)}.pem`,
      };
      await verifier.verifySignature(message as never);
    }
    expect(verifier.cachedCertificates).toBe(MAX_CACHED_CERTIFICATES);
  });

  it('refuses a 140k-deep array at the depth limit, with the reason (#17 row 6)', async () => {
    const answer = await post('['.repeat(140_000) + ']'.repeat(140_000));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({
      error: 'Bad Request',
      message: 'body nested deeper than 4 levels (the limit per event)',
    });
  });

  it('limits requests per source address on this credential-less endpoint', async () => {
    const limited = await testApp(
      {
        DEPLOYMENTS_INDEX: index,
        SNS_TOPIC_ARNS: TOPIC,
        SNS_CERT_HOSTS: '127.0.0.1',
        SNS_RATE_LIMIT_PER_MINUTE: '3',
      },
      { boards: [createDeploymentsBoard({ tls: { ca: host.tlsCa } })] },
    );
    try {
      const send = () =>
        limited.inject({
          method: 'POST',
          url: '/api/ingest/sns',
          headers: { 'content-type': 'text/plain' },
          payload: '{}',
        });
      const statuses = [];
      for (let n = 0; n < 4; n += 1) statuses.push((await send()).statusCode);
      expect(statuses).toEqual([400, 400, 400, 429]);
      const refused = await send();
      expect(refused.headers['retry-after']).toMatch(/^\d+$/);
      expect(refused.json().message).toContain('(SNS_RATE_LIMIT_PER_MINUTE)');
    } finally {
      await limited.close();
    }
  });
});
