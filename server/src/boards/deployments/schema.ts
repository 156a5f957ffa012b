import { Type, type Static } from 'typebox';
import { MultiValue, PageQuery, TimeRangeQuery, PartialField } from '../../core/schema-pieces.ts';

/** Schemas of the deployment KPIs board: the published event, and the endpoints' requests/responses. */

export const DeployKind = Type.Union([Type.Literal('deploy'), Type.Literal('release')], {
  description: '`deploy` puts a version on an environment; `release` exposes it to traffic',
});
export type DeployKind = Static<typeof DeployKind>;
export const DeployPhase = Type.Union(
  [Type.Literal('started'), Type.Literal('succeeded'), Type.Literal('failed'), Type.Literal('rolled_back')],
  { description: 'One event per phase; `failed` and `rolled_back` carry `failure`' },
);
export type DeployPhase = Static<typeof DeployPhase>;
export const PlatformComponent = Type.Union([Type.Literal('ruby'), Type.Literal('node')], {
  description: 'Which component of the delivery platform published the event',
});
export type PlatformComponent = Static<typeof PlatformComponent>;
/** Where a stored event came from: a platform component, or an AWS CodeDeploy trigger mapped at ingest. */
export const EventSource = Type.Union(
  [Type.Literal('ruby'), Type.Literal('node'), Type.Literal('codedeploy')],
  {
    description:
      'Platform component that published the event; `codedeploy` when mapped from a CodeDeploy trigger',
  },
);
export type EventSource = Static<typeof EventSource>;
export const FailureCause = Type.Union(
  [Type.Literal('user'), Type.Literal('platform'), Type.Literal('unknown')],
  { description: "Whose fault: the user's change, the delivery platform, or no rule matched" },
);
export type FailureCause = Static<typeof FailureCause>;

const Text = (description: string, maxLength = 256) => Type.String({ minLength: 1, maxLength, description });

export const DeployFailure = Type.Object(
  {
    stage: Text('Pipeline stage that failed: build, test, provision, pull_image, health_check, …', 64),
    code: Type.Optional(Text('Machine-readable error code, e.g. `ImagePullBackOff`', 128)),
    message: Type.Optional(Type.String({ maxLength: 4096, description: 'Human-readable error' })),
  },
  { additionalProperties: true },
);
export type DeployFailure = Static<typeof DeployFailure>;

export const DEPLOY_EVENT_EXAMPLE = {
  eventId: '6f1c1b7e-2d1a-4c3e-9a51-0b7d2f3c9e10',
  kind: 'deploy',
  phase: 'failed',
  service: 'checkout-api',
  environment: 'production',
  version: '2026.11.26-1342-a1b2c3d',
  deploymentId: 'dep-000482913',
  startedAt: '2026-11-26T13:42:05Z',
  finishedAt: '2026-11-26T13:46:41Z',
  durationMs: 276000,
  triggeredBy: 'jane.doe',
  platform: 'ruby',
  failure: { stage: 'pull_image', code: 'RegistryUnavailable', message: '503 from registry.internal' },
} as const;

/**
 * A deploy/release event as the delivery platform publishes it (JSON in the SNS `Message`).
 * Ruby and Node components publish the same shape.
 */
export const DeployEvent = Type.Object(
  {
    eventId: Text('Unique id of this event (one per phase of a deployment)', 128),
    kind: DeployKind,
    phase: DeployPhase,
    service: Text('Service being deployed', 128),
    environment: Text('Target environment, e.g. `production`, `staging`', 64),
    version: Text('Version (build id, tag) being deployed', 128),
    deploymentId: Text('Id shared by every event of one deployment', 128),
    startedAt: Type.String({ format: 'date-time', description: 'When the deployment started' }),
    finishedAt: Type.Optional(
      Type.String({ format: 'date-time', description: 'When it ended (absent while `started`)' }),
    ),
    durationMs: Type.Optional(Type.Integer({ minimum: 0, description: 'finishedAt − startedAt' })),
    triggeredBy: Text('Person or automation that triggered it', 128),
    platform: PlatformComponent,
    failure: Type.Optional(DeployFailure),
  },
  {
    additionalProperties: true,
    description:
      'Deploy/release event as published to SNS by the delivery platform. Example: ' +
      JSON.stringify(DEPLOY_EVENT_EXAMPLE),
    examples: [DEPLOY_EVENT_EXAMPLE],
  },
);
export type DeployEvent = Static<typeof DeployEvent>;

/** The SNS HTTP(S) message body (Notification / SubscriptionConfirmation / UnsubscribeConfirmation). */
export const SnsMessage = Type.Object(
  {
    Type: Type.Union([
      Type.Literal('Notification'),
      Type.Literal('SubscriptionConfirmation'),
      Type.Literal('UnsubscribeConfirmation'),
    ]),
    MessageId: Type.String({ minLength: 1, maxLength: 256 }),
    TopicArn: Type.String({ minLength: 1, maxLength: 1024 }),
    Message: Type.String(),
    Timestamp: Type.String(),
    SignatureVersion: Type.Optional(Type.String()),
    Signature: Type.Optional(Type.String()),
    SigningCertURL: Type.Optional(Type.String()),
    Subject: Type.Optional(Type.String()),
    Token: Type.Optional(Type.String()),
    SubscribeURL: Type.Optional(Type.String()),
    UnsubscribeURL: Type.Optional(Type.String()),
  },
  {
    additionalProperties: true,
    description:
      'Sent by Amazon SNS as `text/plain` JSON. The `Message` of a Notification carries a deploy/release ' +
      'event (see DeployEvent), an AWS CodeDeploy trigger notification, or an ECS Task State Change.',
  },
);
export type SnsMessage = Static<typeof SnsMessage>;

export const SnsIngestResponse = Type.Object({
  outcome: Type.Union([
    Type.Literal('stored'),
    Type.Literal('already_present'),
    Type.Literal('confirmed'),
    Type.Literal('logged'),
    Type.Literal('routed_elsewhere'),
    Type.Literal('ignored'),
  ]),
  detail: Type.Optional(Type.String()),
});
export type SnsIngestResponse = Static<typeof SnsIngestResponse>;

const DeploymentFilters = {
  ...TimeRangeQuery,
  environment: MultiValue('Environment (any of them), e.g. `production`'),
  service: MultiValue('Service (any of them)'),
  platform: Type.Optional(
    Type.Array(EventSource, { maxItems: 3, description: 'Platform component (any of them)' }),
  ),
};

export const KpisQuery = Type.Object(DeploymentFilters, { additionalProperties: false });
export type KpisQuery = Static<typeof KpisQuery>;

const Count = (description: string) => Type.Integer({ minimum: 0, description });
const Rate = (description: string) =>
  Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], { description });
const Millis = (description: string) =>
  Type.Union([Type.Number({ minimum: 0 }), Type.Null()], { description });

export const CauseCounts = Type.Object({
  user: Count('Failures classified as caused by the user’s change'),
  platform: Count('Failures classified as caused by the delivery platform'),
  unknown: Count('Failures no rule matched'),
});
export type CauseCounts = Static<typeof CauseCounts>;

export const KpisResponse = Type.Object({
  ...PartialField,
  deployments: Count('Finished deploys: `kind=deploy` events in phase succeeded, failed or rolled_back'),
  releases: Count('Finished releases: `kind=release` events in phase succeeded, failed or rolled_back'),
  succeeded: Count('Finished deploys and releases that succeeded'),
  failed: Count('Finished deploys and releases that failed or were rolled back'),
  successRate: Rate('succeeded ÷ (succeeded + failed); null with no finished events'),
  changeFailureRate: Rate(
    'DORA change failure rate: failed or rolled-back production deploys ÷ finished production deploys',
  ),
  failuresByCause: CauseCounts,
  durationMs: Type.Object(
    {
      p50: Millis('Median durationMs of finished deploys and releases'),
      p95: Millis(
        '95th percentile durationMs (HDR histogram, 3 significant digits: the same on every engine)',
      ),
    },
    { description: 'Duration of finished deploys and releases' },
  ),
  timeToRestoreMs: Type.Object(
    {
      p50: Millis(
        'DORA time to restore, median over the restores counted in `restores`: per production service, ' +
          'a run of failed or rolled-back deploys whose first failure finished in [from, to) lasts until ' +
          "that service's next successful production deploy (finishedAt), even when that success falls " +
          'after `to` (looked up to now). null when no run was restored.',
      ),
      restores: Count(
        'Runs of failures that were restored: the number of intervals the median is taken over',
      ),
      unrestored: Count(
        'Runs of failures that began in the range with no successful production deploy of the service since: ' +
          'not restored yet, so not in the median',
      ),
    },
    { description: 'Exact over the whole range, whatever its length (no sampling)' },
  ),
  perDay: Type.Array(
    Type.Object({
      day: Type.String({ format: 'date', description: 'UTC day, YYYY-MM-DD' }),
      deployments: Count('Finished deploys and releases that day'),
      failed: Count('Of which failed or rolled back'),
      user: Count('Failures caused by the user'),
      platform: Count('Failures caused by the platform'),
      unknown: Count('Failures with no matching rule'),
    }),
  ),
  platformIncidents: Type.Array(
    Type.Object({
      from: Type.String({ format: 'date-time' }),
      to: Type.String({ format: 'date-time' }),
      failures: Count('Failures with cause platform in the incident'),
      services: Count('Most distinct services failing for platform causes in one 30-minute window'),
    }),
    {
      description:
        'Platform incidents: 30-minute windows (UTC-aligned) in which at least 5 services failed for ' +
        'platform causes; back-to-back windows are merged',
    },
  ),
});
export type KpisResponse = Static<typeof KpisResponse>;

export const FailuresQuery = Type.Object(
  {
    ...DeploymentFilters,
    cause: Type.Optional(Type.Array(FailureCause, { maxItems: 3, description: 'Cause (any of them)' })),
    stage: MultiValue('Failure stage (any of them), e.g. `pull_image`'),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type FailuresQuery = Static<typeof FailuresQuery>;

export const FailureRow = Type.Object({
  eventId: Type.String(),
  kind: DeployKind,
  phase: DeployPhase,
  service: Type.String(),
  environment: Type.String(),
  version: Type.String(),
  deploymentId: Type.String(),
  platform: EventSource,
  finishedAt: Type.String({ format: 'date-time' }),
  stage: Type.Union([Type.String(), Type.Null()]),
  code: Type.Union([Type.String(), Type.Null()]),
  message: Type.Union([Type.String(), Type.Null()]),
  cause: FailureCause,
  ruleId: Type.Union([Type.String(), Type.Null()], { description: 'The rule that decided the cause' }),
});
export type FailureRow = Static<typeof FailureRow>;

export const FailuresResponse = Type.Object({
  ...PartialField,
  total: Count('Failures matching the filters'),
  failures: Type.Array(FailureRow, { description: 'Newest first' }),
  nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'Pass as `cursor` for the next page' }),
});
export type FailuresResponse = Static<typeof FailuresResponse>;

export const ServicesQuery = Type.Object(
  {
    ...DeploymentFilters,
    size: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100, description: 'Services' })),
  },
  { additionalProperties: false },
);
export type ServicesQuery = Static<typeof ServicesQuery>;

export const ServiceRow = Type.Object({
  service: Type.String(),
  deployments: Count('Finished deploys and releases'),
  failed: Count('Of which failed or rolled back'),
  failureRate: Rate('failed ÷ deployments'),
  failuresByCause: CauseCounts,
  lastDeployAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastSuccessAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  msSinceLastSuccess: Millis('From the last success to `to` (or now); null with no success in range'),
});
export type ServiceRow = Static<typeof ServiceRow>;

export const ServicesResponse = Type.Object({
  ...PartialField,
  services: Type.Array(ServiceRow, { description: 'Most failures first' }),
});
export type ServicesResponse = Static<typeof ServicesResponse>;

export const StagesQuery = Type.Object(
  {
    ...DeploymentFilters,
    size: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'Stages' })),
  },
  { additionalProperties: false },
);
export type StagesQuery = Static<typeof StagesQuery>;

export const StageRow = Type.Object({
  stage: Type.String({ description: '`failure.stage` of the failed events, e.g. `pull_image`' }),
  failed: Count('Failed or rolled-back deploys and releases that failed in this stage'),
  failuresByCause: CauseCounts,
});
export type StageRow = Static<typeof StageRow>;

export const StagesResponse = Type.Object({
  ...PartialField,
  stages: Type.Array(StageRow, { description: 'Most failures first, then by stage name' }),
  withoutStage: Count('Failures that name no stage (not in `stages`)'),
});
export type StagesResponse = Static<typeof StagesResponse>;
