import { Type, type Static } from 'typebox';
import { MultiValue, TimeRangeQuery, PartialField } from '../../core/schema-pieces.ts';

/** Schemas of the container startup failures board: ECS events in, the endpoints' requests/responses. */

const Text = (description: string) => Type.String({ description });
const NullableText = (description: string) => Type.Union([Type.String(), Type.Null()], { description });
const NullableTime = (description: string) =>
  Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description });

/** Why the task did not start, coarse enough to chart. */
export const ReasonClass = Type.Union(
  [
    Type.Literal('image-pull'),
    Type.Literal('resource-init'),
    Type.Literal('cannot-start'),
    Type.Literal('out-of-memory'),
    Type.Literal('command'),
    Type.Literal('crash'),
    Type.Literal('app-error'),
    Type.Literal('health-check'),
    Type.Literal('other'),
  ],
  {
    description:
      'image-pull: CannotPullContainerError; resource-init: ResourceInitializationError (secrets, volumes, ENIs); ' +
      'cannot-start: CannotStartContainerError; out-of-memory: OutOfMemory or exit 137; command: exit 126/127; ' +
      'crash: exit 139/134 (signals); app-error: other non-zero exit; health-check: failed container/ELB health ' +
      'checks; other: TaskFailedToStart without a known reason',
  },
);
export type ReasonClass = Static<typeof ReasonClass>;
export const REASON_CLASSES = ReasonClass.anyOf.map((literal) => literal.const);

// ---------------------------------------------------------------------------------------------
// ECS "Task State Change" as EventBridge delivers it (only what Lookout reads is required).

const EcsContainer = Type.Object(
  {
    name: Type.String(),
    image: Type.Optional(Type.String()),
    runtimeId: Type.Optional(Type.String()),
    lastStatus: Type.Optional(Type.String()),
    exitCode: Type.Optional(Type.Integer()),
    reason: Type.Optional(Type.String()),
    containerArn: Type.Optional(Type.String()),
    taskArn: Type.Optional(Type.String()),
  },
  { additionalProperties: true },
);

export const EcsTaskStateChange = Type.Object(
  {
    version: Type.Optional(Type.String()),
    id: Type.String({ description: 'EventBridge event id' }),
    'detail-type': Type.Literal('ECS Task State Change'),
    source: Type.Literal('aws.ecs'),
    account: Type.Optional(Type.String()),
    time: Type.String({ description: 'When EventBridge emitted the event (ISO-8601)' }),
    region: Type.Optional(Type.String()),
    resources: Type.Optional(Type.Array(Type.String())),
    detail: Type.Object(
      {
        taskArn: Type.String({ pattern: '^arn:aws[a-z-]*:ecs:' }),
        clusterArn: Type.String(),
        group: Type.Optional(Type.String({ description: '`service:<name>` for service tasks' })),
        lastStatus: Type.String(),
        desiredStatus: Type.Optional(Type.String()),
        launchType: Type.Optional(Type.String()),
        containers: Type.Array(EcsContainer),
        version: Type.Integer({ minimum: 0, description: 'Increments with every state change of the task' }),
        createdAt: Type.Optional(Type.String()),
        pullStartedAt: Type.Optional(Type.String()),
        pullStoppedAt: Type.Optional(Type.String()),
        startedAt: Type.Optional(Type.String()),
        stoppingAt: Type.Optional(Type.String()),
        stoppedAt: Type.Optional(Type.String()),
        stopCode: Type.Optional(Type.String()),
        stoppedReason: Type.Optional(Type.String()),
        taskDefinitionArn: Type.Optional(Type.String()),
      },
      { additionalProperties: true },
    ),
  },
  { additionalProperties: true },
);
export type EcsTaskStateChange = Static<typeof EcsTaskStateChange>;

export const EcsIngestResponse = Type.Object({
  received: Type.Integer({ description: 'Events in the request' }),
  indexed: Type.Integer({ description: 'Newly stored' }),
  alreadyPresent: Type.Integer({ description: 'Same taskArn + version stored before (a replay)' }),
  rejectedCount: Type.Integer({ description: 'Events not stored; the first ones are listed in `rejected`' }),
  rejected: Type.Array(
    Type.Object({
      position: Type.Integer({ description: '0-based position of the event in the request' }),
      id: Type.Union([Type.String(), Type.Null()], { description: 'taskArn:version when known' }),
      reason: Type.String(),
    }),
    { description: 'The first rejections (at most 20 in an HTTP answer), by position' },
  ),
});
export type EcsIngestResponse = Static<typeof EcsIngestResponse>;

// ---------------------------------------------------------------------------------------------
// Endpoints

export const FailuresQuery = Type.Object(
  {
    ...TimeRangeQuery,
    service: MultiValue('Only these services (ECS service names)'),
    cluster: MultiValue('Only these clusters (names)'),
    reason: Type.Optional(
      Type.Array(ReasonClass, { maxItems: REASON_CLASSES.length, description: 'Only these reason classes' }),
    ),
    size: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 200, default: 50, description: 'How many failures, newest first' }),
    ),
  },
  { additionalProperties: false },
);
export type FailuresQuery = Static<typeof FailuresQuery>;

export const FailedContainer = Type.Object({
  name: Type.String(),
  image: NullableText('Image reference as ECS reported it'),
  exitCode: Type.Union([Type.Integer(), Type.Null()], { description: 'Null when the container never ran' }),
  exitMeaning: NullableText('What the exit code usually means: 137 → killed (out of memory or stop timeout)'),
  reason: NullableText('ECS container reason, e.g. CannotPullContainerError: …'),
  runtimeId: NullableText('Docker container id on EC2 (joins the logs); null on Fargate'),
});
export type FailedContainer = Static<typeof FailedContainer>;

export const Failure = Type.Object({
  taskId: Text('Last segment of the task ARN'),
  taskArn: Type.String(),
  cluster: Type.String(),
  service: Text('From `group` (`service:<name>`); the task family for standalone tasks'),
  launchType: NullableText('EC2, FARGATE, EXTERNAL'),
  startedAt: NullableTime('Null when the task never reached RUNNING'),
  stoppedAt: Type.String({ format: 'date-time' }),
  stopCode: NullableText('TaskFailedToStart, EssentialContainerExited, …'),
  stoppedReason: NullableText('ECS stoppedReason'),
  reasonClass: ReasonClass,
  containers: Type.Array(FailedContainer),
  firstErrorLine: NullableText(
    'First stderr line that looks like an error, else the last stderr line; null without logs',
  ),
  logsAvailable: Type.Boolean({
    description: 'False on Fargate (no Docker id, no fluentd logs) or when no log line was found',
  }),
  crashLoop: Type.Boolean({ description: 'This service failed CRASH_LOOP_COUNT times within the window' }),
  link: Text('Deep link path to the failure page with an absolute time range around the failure'),
});
export type Failure = Static<typeof Failure>;

export const FailingService = Type.Object({
  service: Type.String(),
  failures: Type.Integer(),
  lastFailure: Type.String({ format: 'date-time' }),
  crashLoop: Type.Boolean(),
});
export type FailingService = Static<typeof FailingService>;

export const FailuresResponse = Type.Object({
  ...PartialField,
  failures: Type.Array(Failure),
  services: Type.Array(FailingService),
  total: Type.Integer({ description: 'Startup failures in the range (the list holds the newest `size`)' }),
  startupWindowMs: Type.Integer({
    description: 'A task that stopped sooner than this after starting failed at startup',
  }),
  freshness: Type.Object({
    lastEventAt: NullableTime('Newest ECS event stored (any task)'),
    lastLogAt: NullableTime('Newest container log line in the log indices'),
  }),
});
export type FailuresResponse = Static<typeof FailuresResponse>;

export const FailureParams = Type.Object({
  taskId: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', description: 'Last segment of the task ARN' }),
});
export type FailureParams = Static<typeof FailureParams>;

export const LogLine = Type.Object({
  timestamp: Type.String({ format: 'date-time' }),
  source: Type.Union([Type.Literal('stdout'), Type.Literal('stderr')]),
  container: Type.String({ description: 'Container name (fluentd `container_name` without the leading /)' }),
  line: Type.String({ description: 'One log line; lines over 16 KB that Docker split are joined' }),
});
export type LogLine = Static<typeof LogLine>;

export const PreviousFailure = Type.Object({
  taskId: Type.String(),
  stoppedAt: Type.String({ format: 'date-time' }),
  reasonClass: ReasonClass,
  exitCode: Type.Union([Type.Integer(), Type.Null()]),
  link: Type.String(),
});
export type PreviousFailure = Static<typeof PreviousFailure>;

export const FailureDetailResponse = Type.Object({
  ...PartialField,
  failure: Failure,
  logs: Type.Array(LogLine),
  logsTruncated: Type.Boolean({ description: 'True when the startup log had more lines than returned' }),
  logsNote: NullableText('Why there are no logs (Fargate, or none found for the container ids)'),
  previousFailures: Type.Array(PreviousFailure, {
    description: "This service's earlier startup failures, newest first",
  }),
  lastSuccessfulStart: Type.Union(
    [
      Type.Object({
        taskId: Type.String(),
        startedAt: Type.String({ format: 'date-time' }),
        images: Type.Array(Type.Object({ container: Type.String(), image: Type.String() })),
      }),
      Type.Null(),
    ],
    { description: 'The last task of this service that started and ran, and its images (then vs. now)' },
  ),
  freshness: Type.Object({
    lastEventAt: NullableTime('Newest ECS event'),
    lastLogAt: NullableTime('Newest log line'),
  }),
});
export type FailureDetailResponse = Static<typeof FailureDetailResponse>;

export const TimelineQuery = Type.Object(
  {
    ...TimeRangeQuery,
    service: MultiValue('Only these services'),
    cluster: MultiValue('Only these clusters'),
    interval: Type.Optional(
      Type.String({
        pattern: '^\\d+[mhd]$',
        description: 'Bucket width, e.g. 5m, 1h (default: chosen from the range)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type TimelineQuery = Static<typeof TimelineQuery>;

export const TimelineResponse = Type.Object({
  ...PartialField,
  interval: Type.String(),
  buckets: Type.Array(
    Type.Object({
      start: Type.String({ format: 'date-time' }),
      total: Type.Integer(),
      byReason: Type.Record(Type.String(), Type.Integer(), { description: 'reason class → failures' }),
    }),
  ),
});
export type TimelineResponse = Static<typeof TimelineResponse>;

export const AlertsQuery = Type.Object(
  {
    ...TimeRangeQuery,
    size: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type AlertsQuery = Static<typeof AlertsQuery>;

export const AlertStatus = Type.Union(
  [Type.Literal('sending'), Type.Literal('delivered'), Type.Literal('retrying'), Type.Literal('gave_up')],
  { description: 'sending: claimed, first attempt under way; retrying: last attempt failed, will retry' },
);
export type AlertStatus = Static<typeof AlertStatus>;

export const AlertRow = Type.Object({
  taskId: Type.String(),
  service: Type.String(),
  cluster: Type.String(),
  reasonClass: ReasonClass,
  failureStoppedAt: Type.String({ format: 'date-time' }),
  claimedAt: Type.String({ format: 'date-time' }),
  status: AlertStatus,
  attempts: Type.Integer(),
  lastError: NullableText('Why the last attempt failed'),
  deliveredAt: NullableTime('When the webhook accepted it'),
  link: Type.String({ description: 'Absolute deep link sent in the alert' }),
});
export type AlertRow = Static<typeof AlertRow>;

export const AlertsResponse = Type.Object({
  ...PartialField,
  enabled: Type.Boolean({ description: 'False when ALERT_WEBHOOK_URL is not set (no watcher runs)' }),
  alerts: Type.Array(AlertRow),
});
export type AlertsResponse = Static<typeof AlertsResponse>;
