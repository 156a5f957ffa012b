import { Compile } from 'typebox/compile';
import { DeployEvent } from '../schema.ts';
import type { StoredDeployment } from '../mapping.ts';
import { classifyFailure, type ClassificationRule } from '../rules.ts';

/**
 * What the `Message` of an SNS Notification carries, decided by its content (one topic may carry
 * several producers): a platform deploy/release event, an AWS CodeDeploy trigger notification
 * (mapped to a deploy event), an ECS Task State Change (EventBridge → SNS; the containers board's
 * data), or something Lookout does not know.
 */
export type RoutedMessage =
  | { route: 'deployment'; event: DeployEvent }
  | { route: 'ecs-task-state-change'; taskArn: string | null; event: unknown }
  | { route: 'unrecognised'; reason: string };

export interface SnsEnvelope {
  messageId: string;
  topicArn: string;
  timestamp: string;
}

function codeDeployTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? undefined : new Date(parsed).toISOString();
}

const CODEDEPLOY_PHASE: Record<string, DeployEvent['phase']> = {
  CREATED: 'started',
  SUCCEEDED: 'succeeded',
  FAILED: 'failed',
  STOPPED: 'rolled_back',
};

/**
 * A CodeDeploy trigger (`{ applicationName, deploymentGroupName, deploymentId, status,
 * createTime, completeTime, errorInformation, … }`) as a deploy event: the application is the
 * service, the deployment group the environment; CodeDeploy carries no version, so the
 * deployment id stands in. `errorInformation` (a JSON string) gives the failure code and message.
 */
export function codeDeployToEvent(trigger: Record<string, unknown>): DeployEvent | undefined {
  const phase = CODEDEPLOY_PHASE[String(trigger.status ?? '')];
  const startedAt = codeDeployTime(trigger.createTime);
  const { applicationName, deploymentGroupName, deploymentId } = trigger;
  if (!phase || !startedAt || typeof applicationName !== 'string' || typeof deploymentId !== 'string') {
    return undefined;
  }
  const finishedAt = phase === 'started' ? undefined : codeDeployTime(trigger.completeTime);
  let failure: DeployEvent['failure'];
  if (phase === 'failed' || phase === 'rolled_back') {
    let info: { ErrorCode?: string; ErrorMessage?: string } = {};
    try {
      info = JSON.parse(String(trigger.errorInformation ?? '{}')) as typeof info;
    } catch {
      info = { ErrorMessage: String(trigger.errorInformation) };
    }
    failure = {
      stage: 'codedeploy',
      ...(info.ErrorCode ? { code: info.ErrorCode } : {}),
      ...(info.ErrorMessage ? { message: info.ErrorMessage } : {}),
    };
  }
  return {
    eventId: `codedeploy:${deploymentId}:${String(trigger.status)}`,
    kind: 'deploy',
    phase,
    service: applicationName,
    environment: typeof deploymentGroupName === 'string' ? deploymentGroupName : 'unknown',
    version: deploymentId,
    deploymentId,
    startedAt,
    ...(finishedAt
      ? { finishedAt, durationMs: Math.max(0, Date.parse(finishedAt) - Date.parse(startedAt)) }
      : {}),
    triggeredBy: 'codedeploy',
    platform: 'codedeploy' as DeployEvent['platform'],
    ...(failure ? { failure } : {}),
  };
}

/** Compiled once: every SNS notification is checked, and the interpreted check costs several times more. */
const deployEventValidator = Compile(DeployEvent);

export function routeMessage(message: string): RoutedMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(message);
  } catch {
    return { route: 'unrecognised', reason: 'Message is not JSON' };
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return { route: 'unrecognised', reason: 'Message is not a JSON object' };
  }
  const body = parsed as Record<string, unknown>;
  if (body['detail-type'] === 'ECS Task State Change') {
    const detail = body.detail as { taskArn?: unknown } | undefined;
    return {
      route: 'ecs-task-state-change',
      taskArn: typeof detail?.taskArn === 'string' ? detail.taskArn : null,
      event: body,
    };
  }
  if (typeof body.applicationName === 'string' && typeof body.deploymentGroupName === 'string') {
    const event = codeDeployToEvent(body);
    return event
      ? { route: 'deployment', event }
      : { route: 'unrecognised', reason: `CodeDeploy trigger with status ${String(body.status)} not mapped` };
  }
  if ('eventId' in body && 'phase' in body) {
    if (deployEventValidator.Check(body)) return { route: 'deployment', event: body };
    const first = deployEventValidator.Errors(body)[0];
    const where = first ? `${first.instancePath || '/'} ${first.message}` : 'invalid';
    return { route: 'unrecognised', reason: `deploy event does not match the schema: ${where}` };
  }
  return {
    route: 'unrecognised',
    reason: 'neither a deploy/release event, a CodeDeploy trigger nor an ECS event',
  };
}

/** The stored document: the event, its classification (failures only), and where it came from. */
export function toStoredDeployment(
  event: DeployEvent,
  envelope: SnsEnvelope,
  rules: readonly ClassificationRule[],
  now: Date,
): StoredDeployment {
  const failed = event.phase === 'failed' || event.phase === 'rolled_back';
  const classification = failed ? classifyFailure(event, rules) : undefined;
  return {
    ...(event as StoredDeployment),
    '@timestamp': event.finishedAt ?? event.startedAt,
    ...(classification ? { cause: classification.cause } : {}),
    ...(classification?.ruleId ? { ruleId: classification.ruleId } : {}),
    sns: { messageId: envelope.messageId, topicArn: envelope.topicArn, timestamp: envelope.timestamp },
    ingestedAt: now.toISOString(),
  };
}
