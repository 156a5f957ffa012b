import type { EcsTaskStateChange } from '../src/boards/containers/schema.ts';
import type { FluentdLogDocument } from '../src/boards/containers/logs.ts';

/**
 * Hand-made ECS events and fluentd log lines whose answers a person can check: each task has a
 * known outcome (see the test names). Times are relative to `base` so tests can place them.
 */

export const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';

export function hex(seed: string, length: number): string {
  let out = '';
  let state = 0;
  for (const char of seed) state = (state * 31 + char.charCodeAt(0)) >>> 0;
  while (out.length < length) {
    state = (state * 1_103_515_245 + 12_345) >>> 0;
    out += (state >>> 8).toString(16).padStart(6, '0');
  }
  return out.slice(0, length);
}

export interface TaskSpec {
  name: string;
  service: string;
  cluster?: string;
  launchType?: 'EC2' | 'FARGATE';
  createdAtMs: number;
  /** Absent: the task never reached RUNNING. */
  startedAtMs?: number;
  stoppedAtMs: number;
  stopCode?: string;
  stoppedReason?: string;
  containers: { name: string; image: string; exitCode?: number; reason?: string; noRuntime?: boolean }[];
}

export function taskArn(spec: Pick<TaskSpec, 'name' | 'cluster'>): string {
  return `arn:aws:ecs:${REGION}:${ACCOUNT}:task/${spec.cluster ?? 'prod'}/${hex(spec.name, 32)}`;
}

export function runtimeId(spec: Pick<TaskSpec, 'name'>, container: string): string {
  return hex(`${spec.name}/${container}`, 64);
}

/** The STOPPED event (and, when it started, the RUNNING one) as EventBridge delivers them. */
export function taskEvents(spec: TaskSpec): EcsTaskStateChange[] {
  const cluster = spec.cluster ?? 'prod';
  const arn = taskArn(spec);
  const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
  const event = (
    lastStatus: string,
    version: number,
    timeMs: number,
    stopped: boolean,
  ): EcsTaskStateChange => ({
    version: '0',
    id: hex(`${spec.name}:${version}`, 32),
    'detail-type': 'ECS Task State Change',
    source: 'aws.ecs',
    account: ACCOUNT,
    time: new Date(timeMs).toISOString(),
    region: REGION,
    resources: [arn],
    detail: {
      taskArn: arn,
      clusterArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:cluster/${cluster}`,
      group: `service:${spec.service}`,
      launchType: spec.launchType ?? 'EC2',
      lastStatus,
      desiredStatus: stopped ? 'STOPPED' : 'RUNNING',
      taskDefinitionArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:task-definition/${spec.service}:7`,
      version,
      createdAt: iso(spec.createdAtMs)!,
      ...(spec.startedAtMs !== undefined ? { startedAt: iso(spec.startedAtMs)! } : {}),
      ...(stopped
        ? {
            stoppedAt: iso(spec.stoppedAtMs)!,
            stoppingAt: iso(spec.stoppedAtMs - 1000)!,
            ...(spec.stopCode ? { stopCode: spec.stopCode } : {}),
            ...(spec.stoppedReason ? { stoppedReason: spec.stoppedReason } : {}),
          }
        : {}),
      containers: spec.containers.map((container) => ({
        containerArn: `arn:aws:ecs:${REGION}:${ACCOUNT}:container/${cluster}/${hex(spec.name + container.name, 32)}`,
        name: container.name,
        image: container.image,
        // EC2: the Docker id (the logs' container_id); Fargate 1.4: `<taskId>-<n>`, no Docker id.
        ...(container.noRuntime
          ? {}
          : {
              runtimeId:
                spec.launchType === 'FARGATE'
                  ? `${hex(spec.name, 32)}-1527056392`
                  : runtimeId(spec, container.name),
            }),
        lastStatus: stopped ? 'STOPPED' : 'RUNNING',
        ...(stopped && container.exitCode !== undefined ? { exitCode: container.exitCode } : {}),
        ...(stopped && container.reason ? { reason: container.reason } : {}),
      })),
    },
  });
  const events = [];
  if (spec.startedAtMs !== undefined) events.push(event('RUNNING', 2, spec.startedAtMs, false));
  events.push(event('STOPPED', 4, spec.stoppedAtMs, true));
  return events;
}

/** fluentd documents of one container, one per line, 10 ms apart from `startMs`. */
export function logLines(
  spec: Pick<TaskSpec, 'name' | 'service'>,
  container: string,
  startMs: number,
  lines: { source: 'stdout' | 'stderr'; log: string }[],
): FluentdLogDocument[] {
  return lines.map((line, position) => ({
    '@timestamp': new Date(startMs + position * 10).toISOString().replace('Z', '+00:00'),
    container_id: runtimeId(spec, container),
    container_name: `/ecs-${spec.service}-7-${container}-${hex(spec.name, 12)}`,
    source: line.source,
    log: line.log,
    '@log_name': `registry.example.org/${spec.service}:1.4.2`,
  }));
}

/** A line over 16 KB as Docker's fluentd driver splits it: parts with partial_* strings. */
export function partialLines(
  spec: Pick<TaskSpec, 'name' | 'service'>,
  container: string,
  atMs: number,
  line: string,
  partSize = 16 * 1024,
): FluentdLogDocument[] {
  const parts: string[] = [];
  for (let offset = 0; offset < line.length; offset += partSize)
    parts.push(line.slice(offset, offset + partSize));
  const partialId = hex(`${spec.name}-partial-${atMs}`, 64);
  return parts.map((part, position) => ({
    ...logLines(spec, container, atMs, [{ source: 'stderr', log: part }])[0]!,
    partial_message: 'true',
    partial_id: partialId,
    partial_ordinal: String(position + 1),
    partial_last: String(position === parts.length - 1),
  }));
}

/** One STOPPED event of a task that exited 1 thirty seconds after it was created. */
export function failedTaskEvent(name: string, stoppedAtMs: number): EcsTaskStateChange {
  return taskEvents({
    name,
    service: 'checkout',
    createdAtMs: stoppedAtMs - 30_000,
    stoppedAtMs,
    containers: [{ name: 'app', image: 'app:1', exitCode: 1 }],
  }).at(-1)!;
}
