import { Random, hash32 } from '../../../core/random.ts';
import type { EcsTaskStateChange } from '../schema.ts';
import {
  DEMO_ACCOUNT,
  DEMO_REGION,
  clusterArn,
  imageDigest,
  taskArn,
  taskDefinitionArn,
  type LaunchType,
} from './catalogue.ts';
import type { ContainerRole, FailureScenario } from './app-logs.ts';

/**
 * One planned task's life as ECS reports it to EventBridge: a "Task State Change" per state,
 * `detail.version` counting up (EC2: PENDING → RUNNING → stopping → STOPPED; Fargate starts with
 * PROVISIONING and stops through DEPROVISIONING), the `detail` shaped like DescribeTasks' Task
 * with ISO timestamps.
 */

export interface DemoContainer {
  name: string;
  image: string;
  essential: boolean;
  /** Docker container id: set when the container was created on EC2; Fargate has none here. */
  runtimeId?: string;
  /** Docker's name (`/ecs-<family>-<revision>-<container>-<20 hex>`), with runtimeId. */
  dockerName?: string;
  /** When the process started and exited; absent when it never started. */
  processStartMs?: number;
  processEndMs?: number;
  exitCode?: number;
  reason?: string;
  role: ContainerRole;
}

export type TaskScenario = 'healthy' | 'job' | FailureScenario;

export interface DemoTask {
  /** Unique name of the task in the plan: seeds its own random stream (ids, log lines). */
  key: string;
  taskId: string;
  cluster: string;
  /** `service:<name>` or `family:<job>`. */
  group: string;
  service: string;
  family: string;
  revision: number;
  version: string;
  launchType: LaunchType;
  startedBy: string;
  availabilityZone: string;
  scenario: TaskScenario;
  createdAtMs: number;
  pullStartedAtMs?: number;
  pullStoppedAtMs?: number;
  /** Absent: never reached RUNNING. */
  startedAtMs?: number;
  /** ECS decided to stop it (SIGTERM sent, or an essential container exited). */
  stoppingAtMs?: number;
  stoppedAtMs?: number;
  stopCode?: string;
  stoppedReason?: string;
  containers: DemoContainer[];
}

type State = 'PROVISIONING' | 'PENDING' | 'RUNNING' | 'STOPPING' | 'STOPPED';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
/** EventBridge's envelope time has whole seconds. */
const envelopeTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

function states(task: DemoTask): [State, number][] {
  const list: [State, number][] = [];
  if (task.launchType === 'FARGATE') {
    list.push(['PROVISIONING', task.createdAtMs + 150]);
    list.push(['PENDING', (task.pullStartedAtMs ?? task.createdAtMs + 8_000) - 400]);
  } else {
    list.push(['PENDING', task.createdAtMs + 600]);
  }
  if (task.startedAtMs !== undefined) list.push(['RUNNING', task.startedAtMs]);
  if (task.stoppingAtMs !== undefined && task.stoppedAtMs !== undefined) {
    // EC2 tasks that never ran go straight from PENDING to STOPPED.
    if (task.startedAtMs !== undefined || task.launchType === 'FARGATE') {
      list.push(['STOPPING', task.stoppingAtMs]);
    }
  }
  if (task.stoppedAtMs !== undefined) list.push(['STOPPED', task.stoppedAtMs]);
  return list;
}

function containerStatus(container: DemoContainer, state: State, atMs: number): string {
  const started = container.processStartMs !== undefined && container.processStartMs <= atMs;
  const exited = container.processEndMs !== undefined && container.processEndMs <= atMs;
  if (state === 'STOPPED' || (started && exited)) return 'STOPPED';
  return started ? 'RUNNING' : 'PENDING';
}

function containerAt(task: DemoTask, container: DemoContainer, state: State, atMs: number) {
  const containerId = new Random(hash32(`${task.key}/${container.name}`, 0xc0)).uuid();
  const lastStatus = containerStatus(container, state, atMs);
  const created = container.processStartMs !== undefined && container.processStartMs <= atMs;
  const stopped = lastStatus === 'STOPPED';
  return {
    containerArn: `arn:aws:ecs:${DEMO_REGION}:${DEMO_ACCOUNT}:container/${task.cluster}/${task.taskId}/${containerId}`,
    lastStatus,
    name: container.name,
    image: container.image,
    ...(created ? { imageDigest: imageDigest(container.image) } : {}),
    ...(created && container.runtimeId ? { runtimeId: container.runtimeId } : {}),
    taskArn: taskArn(task.cluster, task.taskId),
    ...(stopped && container.exitCode !== undefined ? { exitCode: container.exitCode } : {}),
    ...(stopped && container.reason ? { reason: container.reason } : {}),
    networkInterfaces:
      task.launchType === 'FARGATE'
        ? [{ attachmentId: fargateEniId(task), privateIpv4Address: privateIp(task) }]
        : [],
    cpu: container.essential ? '512' : '128',
    memory: container.essential ? '1024' : '256',
  };
}

function fargateEniId(task: DemoTask): string {
  return new Random(hash32(`${task.key}/eni`, 0xe1)).uuid();
}

function privateIp(task: DemoTask): string {
  const random = new Random(hash32(`${task.key}/ip`, 0x1b));
  return `10.0.${random.int(16, 31)}.${random.int(4, 250)}`;
}

function detailAt(task: DemoTask, state: State, atMs: number, version: number) {
  const fargate = task.launchType === 'FARGATE';
  const stopping = state === 'STOPPING' || state === 'STOPPED';
  const lastStatus = state === 'STOPPING' ? (fargate ? 'DEPROVISIONING' : 'RUNNING') : state;
  const upTo = (ms: number | undefined) => (ms !== undefined && ms <= atMs ? iso(ms) : undefined);
  // Six container instances per cluster.
  const instance = new Random(hash32(`${task.cluster}/${hash32(task.key) % 6}`, 0x1a)).uuid();
  return {
    ...(fargate
      ? {
          attachments: [
            {
              id: fargateEniId(task),
              type: 'eni',
              status: state === 'STOPPED' ? 'DELETED' : 'ATTACHED',
              details: [
                { name: 'subnetId', value: 'subnet-0a1b2c3d4e5f60718' },
                {
                  name: 'networkInterfaceId',
                  value: `eni-0${fargateEniId(task).replace(/-/g, '').slice(0, 16)}`,
                },
                { name: 'privateIPv4Address', value: privateIp(task) },
              ],
            },
          ],
        }
      : {}),
    availabilityZone: task.availabilityZone,
    clusterArn: clusterArn(task.cluster),
    ...(fargate
      ? {}
      : {
          containerInstanceArn: `arn:aws:ecs:${DEMO_REGION}:${DEMO_ACCOUNT}:container-instance/${task.cluster}/${instance.replace(/-/g, '')}`,
        }),
    containers: task.containers.map((container) => containerAt(task, container, state, atMs)),
    cpu: '1024',
    createdAt: iso(task.createdAtMs),
    desiredStatus: stopping ? 'STOPPED' : 'RUNNING',
    group: task.group,
    launchType: task.launchType,
    lastStatus,
    memory: '2048',
    overrides: { containerOverrides: task.containers.map((container) => ({ name: container.name })) },
    ...(fargate ? { connectivity: 'CONNECTED', connectivityAt: iso(task.createdAtMs + 4_000) } : {}),
    ...(upTo(task.pullStartedAtMs) ? { pullStartedAt: upTo(task.pullStartedAtMs) } : {}),
    ...(upTo(task.pullStoppedAtMs) ? { pullStoppedAt: upTo(task.pullStoppedAtMs) } : {}),
    ...(upTo(task.startedAtMs) ? { startedAt: upTo(task.startedAtMs) } : {}),
    startedBy: task.startedBy,
    ...(stopping && task.stoppingAtMs !== undefined ? { stoppingAt: iso(task.stoppingAtMs) } : {}),
    ...(state === 'STOPPED'
      ? { executionStoppedAt: iso((task.stoppedAtMs ?? atMs) - 600), stoppedAt: iso(task.stoppedAtMs) }
      : {}),
    ...(stopping && task.stopCode ? { stopCode: task.stopCode } : {}),
    ...(stopping && task.stoppedReason ? { stoppedReason: task.stoppedReason } : {}),
    updatedAt: iso(atMs),
    taskArn: taskArn(task.cluster, task.taskId),
    taskDefinitionArn: taskDefinitionArn(task.family, task.revision),
    version,
    ...(fargate ? { platformVersion: '1.4.0' } : {}),
  };
}

/** The task's state changes up to `nowMs` (a task still running has no STOPPED event yet). */
export function taskEvents(task: DemoTask, nowMs: number): EcsTaskStateChange[] {
  const random = new Random(hash32(`${task.key}/events`, 0xe7));
  const events: EcsTaskStateChange[] = [];
  for (const [position, [state, atMs]] of states(task).entries()) {
    const eventId = random.uuid();
    if (atMs > nowMs) break;
    events.push({
      version: '0',
      id: eventId,
      'detail-type': 'ECS Task State Change',
      source: 'aws.ecs',
      account: DEMO_ACCOUNT,
      time: envelopeTime(atMs),
      region: DEMO_REGION,
      resources: [taskArn(task.cluster, task.taskId)],
      detail: detailAt(task, state, atMs, position + 1) as EcsTaskStateChange['detail'],
    });
  }
  return events;
}
