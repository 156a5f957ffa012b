import type { containers } from '@lookout/server/types';

// Test-only: API answers shaped by the board's schema, with the demo's kinds of failure.
// The test "now" is 2026-11-26T10:43:00Z.

const RANGE = 'from=2026-11-26T09:55:00.000Z&to=2026-11-26T10:15:00.000Z';

export const connectionRefused: containers.Failure = {
  taskId: '0f3c9a1e2b7d4c5a8e6f1a2b3c4d5e6f',
  taskArn: 'arn:aws:ecs:eu-west-1:123456789012:task/prod-eu/0f3c9a1e2b7d4c5a8e6f1a2b3c4d5e6f',
  cluster: 'prod-eu',
  service: 'orders-api',
  launchType: 'EC2',
  startedAt: '2026-11-26T10:04:10.000Z',
  stoppedAt: '2026-11-26T10:05:02.000Z',
  stopCode: 'EssentialContainerExited',
  stoppedReason: 'Essential container in task exited',
  reasonClass: 'app-error',
  containers: [
    {
      name: 'app',
      image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders-api:2026.11.26-2',
      exitCode: 1,
      exitMeaning: 'application error (general failure)',
      reason: null,
      runtimeId: 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9a',
    },
    {
      name: 'envoy',
      image: 'public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29',
      exitCode: 143,
      exitMeaning: 'terminated (SIGTERM), e.g. stopped by ECS',
      reason: null,
      runtimeId: 'b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9a1b',
    },
  ],
  firstErrorLine: 'Error: connect ECONNREFUSED 10.0.3.17:5432',
  logsAvailable: true,
  crashLoop: true,
  link: `/containers/failures/0f3c9a1e2b7d4c5a8e6f1a2b3c4d5e6f?${RANGE}`,
};

export const imagePull: containers.Failure = {
  taskId: '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b',
  taskArn: 'arn:aws:ecs:eu-west-1:123456789012:task/prod-eu/9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b',
  cluster: 'prod-eu',
  service: 'search-indexer',
  launchType: 'FARGATE',
  startedAt: null,
  stoppedAt: '2026-11-26T09:58:30.000Z',
  stopCode: 'TaskFailedToStart',
  stoppedReason:
    'CannotPullContainerError: pull image manifest has been retried 5 time(s): search-indexer:2026.11.99 not found',
  reasonClass: 'image-pull',
  containers: [
    {
      name: 'indexer',
      image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/search-indexer:2026.11.99',
      exitCode: null,
      exitMeaning: null,
      reason: 'CannotPullContainerError: pull image manifest has been retried 5 time(s)',
      runtimeId: null,
    },
  ],
  firstErrorLine: null,
  logsAvailable: false,
  crashLoop: false,
  link: '/containers/failures/9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b?from=2026-11-26T09:50:00.000Z&to=2026-11-26T10:10:00.000Z',
};

export const outOfMemory: containers.Failure = {
  ...connectionRefused,
  taskId: '5a5a5a5a5a5a4b4b4b4b3c3c3c3c2d2d',
  taskArn: 'arn:aws:ecs:eu-west-1:123456789012:task/prod-us/5a5a5a5a5a5a4b4b4b4b3c3c3c3c2d2d',
  cluster: 'prod-us',
  service: 'pricing-batch',
  stoppedAt: '2026-11-26T09:40:00.000Z',
  reasonClass: 'out-of-memory',
  containers: [
    {
      name: 'batch',
      image: 'pricing-batch:41',
      exitCode: 137,
      exitMeaning: 'killed (SIGKILL): out of memory or did not stop in time',
      reason: 'OutOfMemoryError: Container killed due to memory usage',
      runtimeId: 'c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9a1b2c',
    },
  ],
  firstErrorLine: 'java.lang.OutOfMemoryError: Java heap space',
  crashLoop: false,
  link: '/containers/failures/5a5a5a5a5a5a4b4b4b4b3c3c3c3c2d2d?from=2026-11-26T09:30:00.000Z&to=2026-11-26T09:50:00.000Z',
};

export const failuresResponse: containers.FailuresResponse = {
  failures: [connectionRefused, imagePull, outOfMemory],
  services: [
    { service: 'orders-api', failures: 6, lastFailure: '2026-11-26T10:05:02.000Z', crashLoop: true },
    { service: 'search-indexer', failures: 1, lastFailure: '2026-11-26T09:58:30.000Z', crashLoop: false },
    { service: 'pricing-batch', failures: 1, lastFailure: '2026-11-26T09:40:00.000Z', crashLoop: false },
  ],
  total: 8,
  startupWindowMs: 300_000,
  freshness: { lastEventAt: '2026-11-26T10:41:00.000Z', lastLogAt: '2026-11-26T10:42:30.000Z' },
};

export const timelineResponse: containers.TimelineResponse = {
  interval: '1h',
  buckets: [
    { start: '2026-11-26T08:00:00.000Z', total: 0, byReason: {} },
    { start: '2026-11-26T09:00:00.000Z', total: 2, byReason: { 'out-of-memory': 1, 'image-pull': 1 } },
    { start: '2026-11-26T10:00:00.000Z', total: 6, byReason: { 'app-error': 6 } },
  ],
};

export const alertsResponse: containers.AlertsResponse = {
  enabled: true,
  alerts: [
    {
      taskId: connectionRefused.taskId,
      service: 'orders-api',
      cluster: 'prod-eu',
      reasonClass: 'app-error',
      failureStoppedAt: connectionRefused.stoppedAt,
      claimedAt: '2026-11-26T10:05:31.000Z',
      status: 'delivered',
      attempts: 1,
      lastError: null,
      deliveredAt: '2026-11-26T10:05:32.000Z',
      link: `https://lookout.example.com${connectionRefused.link}`,
    },
    {
      taskId: imagePull.taskId,
      service: 'search-indexer',
      cluster: 'prod-eu',
      reasonClass: 'image-pull',
      failureStoppedAt: imagePull.stoppedAt,
      claimedAt: '2026-11-26T09:59:01.000Z',
      status: 'gave_up',
      attempts: 5,
      lastError: 'webhook answered 500 Internal Server Error',
      deliveredAt: null,
      link: `https://lookout.example.com${imagePull.link}`,
    },
  ],
};

export const connectionRefusedDetail: containers.FailureDetailResponse = {
  failure: connectionRefused,
  logs: [
    {
      timestamp: '2026-11-26T10:04:11.120Z',
      source: 'stdout',
      container: 'app',
      line: 'Starting orders-api 2026.11.26-2',
    },
    {
      timestamp: '2026-11-26T10:04:11.480Z',
      source: 'stdout',
      container: 'app',
      line: 'Connecting to postgres at 10.0.3.17:5432',
    },
    {
      timestamp: '2026-11-26T10:04:12.003Z',
      source: 'stderr',
      container: 'app',
      line: 'warning: retrying in 1s',
    },
    {
      timestamp: '2026-11-26T10:04:13.010Z',
      source: 'stderr',
      container: 'app',
      line: 'Error: connect ECONNREFUSED 10.0.3.17:5432',
    },
    {
      timestamp: '2026-11-26T10:04:13.011Z',
      source: 'stderr',
      container: 'app',
      line: '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1607:16)',
    },
    { timestamp: '2026-11-26T10:04:13.250Z', source: 'stdout', container: 'app', line: 'Shutting down' },
  ],
  logsTruncated: false,
  logsNote: null,
  previousFailures: [
    {
      taskId: '1111aaaa2222bbbb3333cccc4444dddd',
      stoppedAt: '2026-11-26T10:01:40.000Z',
      reasonClass: 'app-error',
      exitCode: 1,
      link: '/containers/failures/1111aaaa2222bbbb3333cccc4444dddd?from=2026-11-26T09:51:00.000Z&to=2026-11-26T10:11:00.000Z',
    },
  ],
  lastSuccessfulStart: {
    taskId: '7777eeee8888ffff9999aaaabbbbcccc',
    startedAt: '2026-11-25T16:20:00.000Z',
    images: [
      { container: 'app', image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders-api:2026.11.25-4' },
      { container: 'envoy', image: 'public.ecr.aws/appmesh/aws-appmesh-envoy:v1.29' },
    ],
  },
  freshness: { lastEventAt: '2026-11-26T10:41:00.000Z', lastLogAt: '2026-11-26T10:42:30.000Z' },
};

export const imagePullDetail: containers.FailureDetailResponse = {
  failure: imagePull,
  logs: [],
  logsTruncated: false,
  logsNote: 'Logs are not available: Fargate tasks have no Docker container id and no fluentd logs.',
  previousFailures: [],
  lastSuccessfulStart: null,
  freshness: { lastEventAt: '2026-11-26T10:41:00.000Z', lastLogAt: null },
};
