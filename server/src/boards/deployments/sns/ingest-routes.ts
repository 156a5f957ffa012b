import type { FastifyBaseLogger } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Client } from '@elastic/elasticsearch';
import { Type } from 'typebox';
import { ErrorResponse } from '../../../core/error-schema.ts';
import { addressRateLimit } from '../../../core/address-rate-limit.ts';
import { registerSingleJsonParser } from '../../../core/json-body.ts';
import type { SinkResult } from '../../../core/board.ts';
import { writeDocuments, type BulkDocument } from '../../../es/bulk-writer.ts';
import type { IngestBatcher, WriteOutcome } from '../../../es/ingest-batcher.ts';
import { SnsIngestResponse, SnsMessage } from '../schema.ts';
import type { ClassificationRule } from '../rules.ts';
import { routeMessage, toStoredDeployment } from '../ingest/route-message.ts';
import {
  allowedHttpsUrl,
  httpsGetText,
  SnsRefusedError,
  type HttpsGetOptions,
  type SnsVerifier,
} from './verify.ts';

/** SNS messages are at most 256 KB; the JSON envelope adds signature and URLs. */
export const SNS_BODY_LIMIT = 300 * 1024;

/** The envelope is one flat object of strings (`Message` carries the event as a string). */
const SNS_ENVELOPE_LIMITS = {
  maxValues: 1,
  maxDepth: 4,
  maxValueChars: SNS_BODY_LIMIT,
  maxStringChars: SNS_BODY_LIMIT,
};

export interface SnsIngestDependencies {
  client: Client;
  index: string;
  rules: readonly ClassificationRule[];
  log: FastifyBaseLogger;
  now?: () => Date;
  /** The app's ingest batcher; absent: each notification is its own `_bulk`. */
  batcher?: IngestBatcher;
  /** Stores events that belong to another board (see core/board.ts EventSink). */
  handOff?: (kind: string, event: unknown) => Promise<SinkResult | undefined>;
}

/** Through the app's batcher (shared `_bulk` with concurrent notifications), else on its own. */
async function writeOne(
  deps: SnsIngestDependencies,
  document: BulkDocument,
  options: { refresh?: boolean },
): Promise<WriteOutcome> {
  if (deps.batcher && !options.refresh) return deps.batcher.write(document);
  const result = await writeDocuments(deps.client, [document], { refresh: options.refresh ?? false });
  const rejected = result.rejected[0];
  if (rejected) return { outcome: 'rejected', status: rejected.status, reason: rejected.reason };
  return { outcome: result.alreadyPresent > 0 ? 'already_present' : 'stored' };
}

/**
 * What happens to a Notification once it is known to be genuine (also the demo's entry point):
 * deploy/release events and CodeDeploy triggers are classified and stored with `_id` = MessageId
 * (`create`: an SNS retry is "already present"), ECS task events are for the containers board,
 * anything else is logged by MessageId.
 */
export async function acceptNotification(
  deps: SnsIngestDependencies,
  message: Pick<SnsMessage, 'MessageId' | 'TopicArn' | 'Timestamp' | 'Message'>,
  options: { refresh?: boolean } = {},
): Promise<{ status: 200 | 202; body: SnsIngestResponse }> {
  const routed = routeMessage(message.Message);
  if (routed.route === 'ecs-task-state-change') {
    // EventBridge → SNS: the containers board stores it (`_id` taskArn:version, so SNS retries
    // and the same event through the EventBridge endpoint never double).
    const stored = await deps.handOff?.('ecs-task-state-change', routed.event);
    if (!stored) {
      deps.log.warn(
        { messageId: message.MessageId, taskArn: routed.taskArn },
        'ECS event: no board stores these',
      );
      return { status: 200, body: { outcome: 'ignored', detail: 'no board stores ECS events' } };
    }
    if (stored.outcome === 'rejected') {
      deps.log.warn({ messageId: message.MessageId, reason: stored.detail }, 'ECS event not stored');
      return { status: 200, body: { outcome: 'ignored', detail: stored.detail ?? 'rejected' } };
    }
    return {
      status: 202,
      body: {
        outcome: 'routed_elsewhere',
        detail: `ECS task state change ${stored.outcome} by the containers board`,
      },
    };
  }
  if (routed.route === 'unrecognised') {
    deps.log.warn(
      { messageId: message.MessageId, topicArn: message.TopicArn },
      `SNS message not stored: ${routed.reason}`,
    );
    return { status: 200, body: { outcome: 'ignored', detail: routed.reason } };
  }
  const document = toStoredDeployment(
    routed.event,
    { messageId: message.MessageId, topicArn: message.TopicArn, timestamp: message.Timestamp },
    deps.rules,
    (deps.now ?? (() => new Date()))(),
  );
  const written = await writeOne(deps, { index: deps.index, id: message.MessageId, document }, options);
  if (written.outcome === 'rejected') {
    deps.log.error(
      { messageId: message.MessageId, reason: written.reason },
      'deploy event rejected by Elasticsearch',
    );
    return { status: 200, body: { outcome: 'ignored', detail: written.reason } };
  }
  return { status: 200, body: { outcome: written.outcome } };
}

export interface SnsIngestRouteOptions {
  rules: readonly ClassificationRule[];
  verifier: SnsVerifier;
  /** Trust for fetching SubscribeURL (tests' own CA); production uses the system's. */
  tls?: HttpsGetOptions;
}

/** `POST /sns`: the Amazon SNS HTTP(S) subscription endpoint (registered under `/api/ingest`). */
export const snsIngestRoutes: FastifyPluginAsyncTypebox<SnsIngestRouteOptions> = async (app, options) => {
  const { config } = app;
  // SNS posts JSON as text/plain. Both parsers live in this plugin's scope only, and check depth
  // and size while the body streams in (a 140k-deep array is refused at depth 5, unparsed).
  registerSingleJsonParser(app, {
    contentTypes: ['text/plain', 'application/json'],
    bodyLimit: SNS_BODY_LIMIT,
    limits: SNS_ENVELOPE_LIMITS,
  });
  // No credential here by design (signatures are checked instead): a per-address limit, before
  // the body is read, keeps one source from costing everyone else.
  app.addHook(
    'onRequest',
    addressRateLimit({
      perMinute: config.access.snsRateLimitPerMinute,
      variable: 'SNS_RATE_LIMIT_PER_MINUTE',
    }),
  );
  if (!config.deployments.snsVerify) {
    app.log.warn(
      'SNS_VERIFY=false: SNS signatures are NOT verified; anyone who can reach /api/ingest/sns can write',
    );
  }

  app.post(
    '/sns',
    {
      bodyLimit: SNS_BODY_LIMIT,
      config: { access: 'sns' },
      schema: {
        summary: 'Amazon SNS HTTP(S) subscription endpoint for deploy/release events',
        description:
          'Verifies the topic (SNS_TOPIC_ARNS) and the signature (SignatureVersion 1 SHA1withRSA, 2 SHA256withRSA, ' +
          'certificate from an SNS_CERT_HOSTS host over HTTPS), confirms subscriptions, and stores deploy/release ' +
          'events with `_id` = MessageId so SNS retries never double.',
        tags: ['ingest'],
        consumes: ['text/plain', 'application/json'],
        headers: Type.Object({
          'x-amz-sns-message-type': Type.Optional(Type.String()),
          'x-amz-sns-message-id': Type.Optional(Type.String()),
          'x-amz-sns-topic-arn': Type.Optional(Type.String()),
        }),
        body: SnsMessage,
        response: {
          200: SnsIngestResponse,
          202: SnsIngestResponse,
          400: ErrorResponse,
          403: ErrorResponse,
          413: ErrorResponse,
          429: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const message = request.body;
      const header = request.headers['x-amz-sns-message-type'];
      if (header !== undefined && header !== message.Type) {
        throw Object.assign(
          new Error(`x-amz-sns-message-type ${String(header)} differs from Type ${message.Type}`),
          {
            statusCode: 400,
          },
        );
      }
      try {
        options.verifier.checkTopic(message);
        if (config.deployments.snsVerify) await options.verifier.verifySignature(message);
      } catch (error) {
        if (error instanceof SnsRefusedError)
          request.log.warn({ messageId: message.MessageId }, `SNS refused: ${error.message}`);
        throw error;
      }

      if (message.Type === 'SubscriptionConfirmation') {
        let url: URL;
        try {
          url = allowedHttpsUrl(message.SubscribeURL, config.deployments.snsCertHosts, 'SubscribeURL');
        } catch (error) {
          request.log.warn(
            { topicArn: message.TopicArn, subscribeUrl: message.SubscribeURL },
            `SNS subscription needs a person to confirm (${(error as Error).message}): open SubscribeURL`,
          );
          return { outcome: 'logged' as const, detail: 'confirm by opening SubscribeURL' };
        }
        await httpsGetText(url, options.tls);
        request.log.info({ topicArn: message.TopicArn }, 'SNS subscription confirmed');
        return { outcome: 'confirmed' as const };
      }
      if (message.Type === 'UnsubscribeConfirmation') {
        request.log.warn({ topicArn: message.TopicArn }, 'SNS unsubscribed this endpoint from the topic');
        return { outcome: 'logged' as const };
      }
      await app.ensureIndexTemplates();
      const result = await acceptNotification(
        {
          client: app.esWriter,
          batcher: app.ingestBatcher,
          index: config.deployments.index,
          rules: options.rules,
          log: request.log,
          handOff: async (kind, event) => app.eventSinks.get(kind)?.(app, event),
        },
        message,
      );
      return reply.status(result.status).send(result.body);
    },
  );
};
