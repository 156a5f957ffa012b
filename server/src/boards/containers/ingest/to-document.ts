import { Compile } from 'typebox/compile';
import { EcsTaskStateChange } from '../schema.ts';
import type { StoredContainer, StoredEcsEvent } from '../mapping.ts';
import { arnName, failureReason, ranMs, serviceOfGroup } from '../classify.ts';

/** `_id` of a stored event: a replay of the same state change (same version) is "already present". */
export function ecsEventId(event: EcsTaskStateChange): string {
  return `${event.detail.taskArn}:${event.detail.version}`;
}

/** Compiled once: ingest checks every event, and the interpreted check costs several times more. */
const ecsEventValidator = Compile(EcsTaskStateChange);

/** Why a value is not an ECS Task State Change, naming the first field that is wrong. */
export function ecsEventProblem(value: unknown): string | null {
  if (ecsEventValidator.Check(value)) return null;
  const first = ecsEventValidator.Errors(value)[0];
  return first ? `${first.instancePath || '/'} ${first.message}` : 'not an ECS Task State Change';
}

function time(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString();
}

function container(raw: EcsTaskStateChange['detail']['containers'][number]): StoredContainer {
  return {
    name: raw.name,
    ...(raw.image ? { image: raw.image } : {}),
    ...(raw.runtimeId ? { runtimeId: raw.runtimeId } : {}),
    ...(raw.lastStatus ? { lastStatus: raw.lastStatus } : {}),
    ...(raw.exitCode !== undefined ? { exitCode: raw.exitCode } : {}),
    ...(raw.reason ? { reason: raw.reason } : {}),
  };
}

/** The stored document: the event as delivered plus the `lookout.*` fields the board queries. */
export function toStoredEcsEvent(event: EcsTaskStateChange, now: Date): StoredEcsEvent {
  const { detail } = event;
  const startedAt = time(detail.startedAt);
  const stoppedAt = time(detail.stoppedAt);
  const containers = detail.containers.map(container);
  const cluster = arnName(detail.clusterArn);
  const taskDefinitionFamily = detail.taskDefinitionArn
    ? arnName(detail.taskDefinitionArn).split(':')[0]!
    : 'unknown';
  const stopped = {
    lastStatus: detail.lastStatus,
    stopCode: detail.stopCode,
    stoppedReason: detail.stoppedReason,
    startedAt,
    stoppedAt,
    containers,
  };
  const reason = failureReason(stopped);
  const ran = ranMs(stopped);
  return {
    '@timestamp':
      (detail.lastStatus === 'STOPPED' ? stoppedAt : undefined) ?? time(event.time) ?? now.toISOString(),
    event: event as StoredEcsEvent['event'],
    lookout: {
      taskArn: detail.taskArn,
      taskId: arnName(detail.taskArn),
      cluster,
      service: serviceOfGroup(detail.group, taskDefinitionFamily),
      lastStatus: detail.lastStatus,
      version: detail.version,
      ...(detail.launchType ? { launchType: detail.launchType } : {}),
      ...(startedAt ? { startedAt } : {}),
      ...(stoppedAt ? { stoppedAt } : {}),
      ...(ran !== null ? { ranMs: ran } : {}),
      ...(detail.stopCode ? { stopCode: detail.stopCode } : {}),
      ...(detail.stoppedReason ? { stoppedReason: detail.stoppedReason } : {}),
      ...(reason ? { failureReason: reason } : {}),
      containers,
      runtimeIds: containers.flatMap((entry) => (entry.runtimeId ? [entry.runtimeId] : [])),
    },
    ingestedAt: now.toISOString(),
  };
}
