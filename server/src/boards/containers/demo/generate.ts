import { Random, hash32 } from '../../../core/random.ts';
import type { SeedOptions } from '../../../core/board.ts';
import type { EcsTaskStateChange } from '../schema.ts';
import type { ReasonClass } from '../schema.ts';
import { containerLines, type ContainerRole, type FailureScenario } from './app-logs.ts';
import {
  ENVOY_IMAGE,
  JOBS,
  JOBS_CLUSTER,
  SERVICES,
  appImage,
  releaseTag,
  type DemoJob,
  type DemoService,
} from './catalogue.ts';
import { taskEvents, type DemoContainer, type DemoTask } from './ecs-events.ts';
import { fluentdDocuments, logIndexNamer, type DemoLogDocument } from './fluentd.ts';

/**
 * Demo data of the containers board, the same for the same options: twenty services whose tasks
 * start fine, run for hours and are replaced by deployments (stopCode ServiceSchedulerInitiated,
 * exit 143: not failures), scheduled jobs that exit 0 within minutes, and startup failures —
 * each scenario below — as ECS Task State Change events plus, for EC2 tasks, the fluentd log
 * documents of every container. Scale 1 ≈ 2,500 tasks and ~70,000 log lines a day.
 */

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

export interface FailureScenarioInfo {
  scenario: FailureScenario;
  service: string;
  /** What the board should classify it as (classify.ts). */
  reasonClass: ReasonClass;
  exitCode: number | null;
  /** fluentd logs exist (EC2 and the container started). */
  hasLogs: boolean;
  /** Incidents per day at scale 1, at least `min` in any range; `tasks` failed tasks each. */
  perDay: number;
  min: number;
  tasks: [number, number];
  /** Between the failed tasks of one incident. */
  spacingMs: [number, number];
  description: string;
}

export const FAILURE_SCENARIOS: readonly FailureScenarioInfo[] = [
  {
    scenario: 'db-refused',
    service: 'booking-engine',
    reasonClass: 'app-error',
    exitCode: 1,
    hasLogs: true,
    perDay: 2,
    min: 1,
    tasks: [2, 2],
    spacingMs: [40_000, 90_000],
    description: 'Node: Error: connect ECONNREFUSED 10.0.3.12:5432 (unhandled rejection), exit 1',
  },
  {
    scenario: 'missing-config-python',
    service: 'pricing',
    reasonClass: 'app-error',
    exitCode: 1,
    hasLogs: true,
    perDay: 1,
    min: 1,
    tasks: [1, 2],
    spacingMs: [4 * MINUTE, 8 * MINUTE],
    description: "Python traceback ending in KeyError: 'DATABASE_URL', exit 1",
  },
  {
    scenario: 'missing-config-java',
    service: 'partner-gateway',
    reasonClass: 'app-error',
    exitCode: 1,
    hasLogs: true,
    perDay: 1,
    min: 1,
    tasks: [1, 2],
    spacingMs: [4 * MINUTE, 8 * MINUTE],
    description: 'Java IllegalStateException: Missing required configuration PARTNER_API_KEY, exit 1',
  },
  {
    scenario: 'out-of-memory',
    service: 'search-api',
    reasonClass: 'out-of-memory',
    exitCode: 137,
    hasLogs: true,
    perDay: 2,
    min: 1,
    tasks: [1, 2],
    spacingMs: [5 * MINUTE, 9 * MINUTE],
    description: 'OutOfMemoryError: Container killed due to memory usage, exit 137, no error printed',
  },
  {
    scenario: 'image-pull',
    service: 'images-resizer',
    reasonClass: 'image-pull',
    exitCode: null,
    hasLogs: false,
    perDay: 1,
    min: 1,
    tasks: [2, 2],
    spacingMs: [60_000, 120_000],
    description: 'CannotPullContainerError (tag not found): TaskFailedToStart, no runtimeId, no logs',
  },
  {
    scenario: 'fargate-secrets',
    service: 'notifications',
    reasonClass: 'resource-init',
    exitCode: null,
    hasLogs: false,
    perDay: 1,
    min: 1,
    tasks: [1, 2],
    spacingMs: [3 * MINUTE, 6 * MINUTE],
    description: 'Fargate ResourceInitializationError (secret not readable): TaskFailedToStart, no logs',
  },
  {
    scenario: 'crash-loop',
    service: 'inventory-sync',
    reasonClass: 'app-error',
    exitCode: 2,
    hasLogs: true,
    perDay: 0.75,
    min: 2,
    tasks: [15, 15],
    spacingMs: [100_000, 140_000],
    description: 'Go panic (nil pointer) every ~2 minutes for ~30 minutes, exit 2',
  },
  {
    scenario: 'huge-line',
    service: 'reporting',
    reasonClass: 'app-error',
    exitCode: 1,
    hasLogs: true,
    perDay: 1 / 3,
    min: 1,
    tasks: [1, 1],
    spacingMs: [0, 0],
    description: 'Java exception on one 40 KB line, split by Docker into 16 KB partial messages, exit 1',
  },
  {
    scenario: 'health-check',
    service: 'reviews',
    reasonClass: 'health-check',
    exitCode: 143,
    hasLogs: true,
    perDay: 1,
    min: 1,
    tasks: [1, 1],
    spacingMs: [0, 0],
    description: 'Task failed ELB health checks after ~4 minutes, stopped by ECS (exit 143)',
  },
  {
    scenario: 'command-not-found',
    service: 'mail-sender',
    reasonClass: 'command',
    exitCode: 127,
    hasLogs: true,
    perDay: 0.5,
    min: 1,
    tasks: [1, 1],
    spacingMs: [0, 0],
    description: '/entrypoint.sh: exec: gunicorn: not found, exit 127',
  },
];

/** The newest failure: a refused database connection this long before `now`. */
export const RECENT_FAILURE_AGO_MS = 17 * MINUTE;

export interface ContainersDemo {
  /** Every planned task, oldest first (tasks not created by `now` are left out). */
  tasks: DemoTask[];
  /** ECS Task State Change events up to `now`, task by task. */
  events(): Generator<EcsTaskStateChange>;
  /** fluentd documents of every EC2 container, into the indices the pattern names. */
  logs(logsIndexPattern: string): Generator<DemoLogDocument>;
}

interface Planner {
  options: SeedOptions;
  nowMs: number;
  fromMs: number;
  tasks: DemoTask[];
  /** Per service: deployment (or bad deployment) time → task definition revision. */
  revisions: Map<string, Map<number, number>>;
}

function serviceOf(name: string): DemoService {
  const service = SERVICES.find((entry) => entry.name === name);
  if (!service) throw new Error(`demo scenario names unknown service ${name}`);
  return service;
}

function dockerName(family: string, revision: number, container: string, random: Random): string {
  return `/ecs-${family}-${revision}-${container}-${random.hex(20)}`;
}

/** Docker's id, ECS's runtimeId on EC2: 64 hex. */
function containerIds(
  launchType: DemoTask['launchType'],
  family: string,
  revision: number,
  name: string,
  random: Random,
) {
  if (launchType === 'FARGATE') return {};
  return { runtimeId: random.hex(64), dockerName: dockerName(family, revision, name, random) };
}

interface TaskShape {
  key: string;
  service: DemoService | DemoJob;
  cluster: string;
  launchType: DemoTask['launchType'];
  group: string;
  startedBy: string;
  revision: number;
  createdAtMs: number;
  scenario: DemoTask['scenario'];
}

/** Ids, times up to the process start, and the containers, for a task whose containers start. */
function startedTask(shape: TaskShape, random: Random, appRole: ContainerRole) {
  const family = shape.service.name;
  const pullStartedAtMs =
    shape.createdAtMs + (shape.launchType === 'FARGATE' ? random.int(9_000, 25_000) : random.int(700, 2_500));
  const pullStoppedAtMs = pullStartedAtMs + random.int(400, 9_000);
  const processStartMs = pullStoppedAtMs + random.int(300, 900);
  const startedAtMs = processStartMs + random.int(200, 700);
  const image = appImage(family, shape.revision);
  const containers: DemoContainer[] = [
    {
      name: family,
      image,
      essential: true,
      ...containerIds(shape.launchType, family, shape.revision, family, random),
      processStartMs,
      role: appRole,
    },
  ];
  if ('sidecar' in shape.service && shape.service.sidecar === 'envoy') {
    containers.push({
      name: 'envoy',
      image: ENVOY_IMAGE,
      essential: false,
      ...containerIds(shape.launchType, family, shape.revision, 'envoy', random),
      processStartMs: processStartMs + random.int(5, 60),
      role: { kind: 'envoy', stopped: false },
    });
  }
  const task: DemoTask = {
    key: shape.key,
    taskId: random.hex(32),
    cluster: shape.cluster,
    group: shape.group,
    service: family,
    family,
    revision: shape.revision,
    version: releaseTag(family, shape.revision),
    launchType: shape.launchType,
    startedBy: shape.startedBy,
    availabilityZone: random.pick(ZONES),
    scenario: shape.scenario,
    createdAtMs: shape.createdAtMs,
    pullStartedAtMs,
    pullStoppedAtMs,
    startedAtMs,
    containers,
  };
  return { task, processStartMs };
}

/** ECS stops it on purpose at `stoppingAtMs`: SIGTERM, graceful exit 143 (sidecars exit 0). */
function stopOnPurpose(
  task: DemoTask,
  stoppingAtMs: number,
  random: Random,
  stopCode: string,
  reason: string,
) {
  const exitMs = stoppingAtMs + random.int(1_200, 4_000);
  task.stoppingAtMs = stoppingAtMs;
  task.stoppedAtMs = exitMs + random.int(800, 2_500);
  task.stopCode = stopCode;
  task.stoppedReason = reason;
  for (const container of task.containers) {
    container.processEndMs = container.essential ? exitMs : stoppingAtMs + random.int(300, 900);
    container.exitCode = container.essential ? 143 : 0;
    if (container.role.kind === 'service' || container.role.kind === 'envoy') {
      container.role = { ...container.role, stopped: true };
    }
  }
}

/** An essential container exited at `exitMs` with `exitCode`: ECS stops the rest of the task. */
function essentialExited(task: DemoTask, exitMs: number, exitCode: number, random: Random, reason?: string) {
  task.stoppingAtMs = exitMs + random.int(100, 600);
  task.stopCode = 'EssentialContainerExited';
  task.stoppedReason = 'Essential container in task exited';
  let lastExit = exitMs;
  for (const container of task.containers) {
    if (container.essential) {
      container.processEndMs = exitMs;
      container.exitCode = exitCode;
      if (reason) container.reason = reason;
    } else {
      container.processEndMs = task.stoppingAtMs + random.int(300, 900);
      container.exitCode = 0;
      container.role = { kind: 'envoy', stopped: true };
    }
    lastExit = Math.max(lastExit, container.processEndMs);
  }
  task.stoppedAtMs = lastExit + random.int(600, 2_000);
}

/** An ECS deployment id as ECS prints it in `startedBy` and in stop reasons. */
function deploymentId(random: Random): string {
  return `ecs-svc/${random.int(1e9, 9.99e9)}${random.int(1e8, 9.99e8)}`;
}

// ---------------------------------------------------------------------------------------------
// Healthy services: generations of tasks replaced by deployments

function planServices(planner: Planner, incidentsByService: Map<string, number[]>): void {
  const { options, nowMs, fromMs } = planner;
  for (const service of SERVICES) {
    const random = new Random(hash32(`service ${service.name}`, options.seed));
    const desired = Math.max(1, Math.round(service.desired * options.scale));
    const deploys: number[] = [fromMs + random.int(0, 20 * MINUTE)];
    while (true) {
      const next = deploys.at(-1)! + random.int(3 * HOUR, 10 * HOUR);
      if (next >= nowMs) break;
      deploys.push(next);
    }
    // Each deployment, good or bad, registers a new task definition revision.
    const incidents = incidentsByService.get(service.name) ?? [];
    let revision = random.int(20, 300);
    const revisionAt = new Map<number, number>();
    for (const at of [...deploys, ...incidents].sort((a, b) => a - b)) revisionAt.set(at, ++revision);
    planner.revisions.set(service.name, revisionAt);
    const startedBy = deploymentId(random);
    deploys.forEach((deployAtMs, generation) => {
      const replacedAtMs = deploys[generation + 1];
      for (let slot = 0; slot < desired; slot++) {
        const shape: TaskShape = {
          key: `${service.name}#g${generation}.${slot}`,
          service,
          cluster: service.cluster,
          launchType: service.launchType,
          group: `service:${service.name}`,
          startedBy,
          revision: revisionAt.get(deployAtMs)!,
          createdAtMs: deployAtMs + slot * random.int(2_000, 15_000),
          scenario: 'healthy',
        };
        const taskRandom = new Random(hash32(shape.key, options.seed));
        const { task } = startedTask(shape, taskRandom, { kind: 'service', stopped: false });
        if (replacedAtMs !== undefined) {
          stopOnPurpose(
            task,
            replacedAtMs + taskRandom.int(90_000, 240_000),
            taskRandom,
            'ServiceSchedulerInitiated',
            `Scaling activity initiated by (deployment ${deploymentId(taskRandom)})`,
          );
        }
        planner.tasks.push(task);
      }
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Scheduled jobs: standalone tasks that exit 0

function planJobs(planner: Planner): void {
  const { options, nowMs, fromMs } = planner;
  for (const job of JOBS) {
    const random = new Random(hash32(`job ${job.name}`, options.seed));
    const everyMs = (job.everyMinutes * MINUTE) / options.scale;
    const revision = random.int(3, 60);
    let run = 0;
    for (let at = fromMs + random.int(0, everyMs); at < nowMs; at += everyMs) {
      const shape: TaskShape = {
        key: `${job.name}#${run++}`,
        service: job,
        cluster: JOBS_CLUSTER,
        launchType: 'EC2',
        group: `family:${job.name}`,
        startedBy: `events-rule/${job.name}`,
        revision,
        createdAtMs: Math.round(at) + random.int(0, 20_000),
        scenario: 'job',
      };
      const taskRandom = new Random(hash32(shape.key, options.seed));
      const { task, processStartMs } = startedTask(shape, taskRandom, { kind: 'job' });
      const duration =
        job.runtime === 'go' ? taskRandom.int(15_000, 90_000) : taskRandom.int(20_000, 150_000);
      essentialExited(task, processStartMs + duration, 0, taskRandom);
      planner.tasks.push(task);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Startup failures

/** How long the process runs before it dies, per scenario (the log scripts fit inside). */
const RUN_MS: Partial<Record<FailureScenario, [number, number]>> = {
  'db-refused': [3_500, 8_000],
  'missing-config-python': [1_500, 3_000],
  'missing-config-java': [900, 1_500],
  'out-of-memory': [100_000, 240_000],
  'crash-loop': [300, 2_000],
  'huge-line': [4_000, 7_000],
  'health-check': [160_000, 280_000],
  'command-not-found': [1_000, 1_500],
};

function pullError(task: DemoTask): string {
  const image = task.containers[0]!.image;
  return (
    `CannotPullContainerError: pull image manifest has been retried 7 time(s): failed to resolve ref ` +
    `${image}: ${image}: not found`
  );
}

function secretsError(random: Random): string {
  return (
    'ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval ' +
    'failed: unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch ' +
    'secret arn:aws:secretsmanager:eu-west-1:123456789012:secret:notifications/smtp-password-Qf3LxZ from ' +
    'secrets manager: AccessDeniedException: User: arn:aws:sts::123456789012:assumed-role/' +
    'notifications-task-execution/' +
    random.hex(32) +
    ' is not authorized to perform: secretsmanager:GetSecretValue on resource: ' +
    'arn:aws:secretsmanager:eu-west-1:123456789012:secret:notifications/smtp-password-Qf3LxZ because no ' +
    `identity-based policy allows the secretsmanager:GetSecretValue action status code: 400, request id: ${random.uuid()}`
  );
}

function failedTask(planner: Planner, info: FailureScenarioInfo, key: string, createdAtMs: number): DemoTask {
  const service = serviceOf(info.service);
  const random = new Random(hash32(key, planner.options.seed));
  const revisions = planner.revisions.get(service.name);
  const shape: TaskShape = {
    key,
    service,
    cluster: service.cluster,
    launchType: service.launchType,
    group: `service:${service.name}`,
    startedBy: deploymentId(random),
    revision: revisionOf(revisions, createdAtMs),
    createdAtMs,
    scenario: info.scenario,
  };
  const { task, processStartMs } = startedTask(shape, random, { kind: 'failure', scenario: info.scenario });
  if (info.scenario === 'image-pull' || info.scenario === 'fargate-secrets') {
    // Never started: no process, no runtimeId, no startedAt, no logs.
    delete task.startedAtMs;
    delete task.pullStoppedAtMs;
    for (const container of task.containers) {
      delete container.processStartMs;
      delete container.runtimeId;
      delete container.dockerName;
    }
    const reason = info.scenario === 'image-pull' ? pullError(task) : secretsError(random);
    task.stoppingAtMs = task.pullStartedAtMs! + random.int(20_000, 60_000);
    task.stoppedAtMs = task.stoppingAtMs + random.int(1_000, 30_000);
    task.stopCode = 'TaskFailedToStart';
    task.stoppedReason = reason;
    if (info.scenario === 'image-pull') task.containers[0]!.reason = reason;
    return task;
  }
  const [least, most] = RUN_MS[info.scenario]!;
  const exitMs = processStartMs + random.int(least, most);
  if (info.scenario === 'health-check') {
    stopOnPurpose(
      task,
      exitMs - random.int(1_200, 2_000),
      random,
      'ServiceSchedulerInitiated',
      `Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/${service.name}-prod/4f1d2c3b4a5e6f70)`,
    );
    task.containers[0]!.role = { kind: 'failure', scenario: 'health-check' };
    return task;
  }
  const reason =
    info.scenario === 'out-of-memory' ? 'OutOfMemoryError: Container killed due to memory usage' : undefined;
  essentialExited(task, exitMs, info.exitCode!, random, reason);
  return task;
}

/** The revision of the deployment at or just before `atMs` (a bad deployment has its own). */
function revisionOf(revisions: Map<number, number> | undefined, atMs: number): number {
  let revision = 1;
  for (const [at, value] of revisions ?? []) if (at <= atMs + 5 * MINUTE) revision = value;
  return revision;
}

/** When each scenario's incidents begin: one per equal slot of the range, at a random point in it. */
function incidentTimes(planner: Planner, info: FailureScenarioInfo): number[] {
  const { options, nowMs, fromMs } = planner;
  const random = new Random(hash32(`incidents ${info.scenario}`, options.seed));
  const count = Math.max(info.min, Math.round(info.perDay * options.days * options.scale));
  // Leave the first hour for healthy starts and the last two for the recent failure.
  const start = fromMs + HOUR;
  const slot = (nowMs - 2 * HOUR - start) / count;
  const longest = info.tasks[1] * info.spacingMs[1] + 10 * MINUTE;
  return Array.from({ length: count }, (_, i) =>
    Math.round(start + i * slot + random.float() * Math.max(0, slot - longest)),
  );
}

function planFailures(planner: Planner, incidents: Map<FailureScenario, number[]>): void {
  const { options } = planner;
  for (const info of FAILURE_SCENARIOS) {
    const random = new Random(hash32(`failures ${info.scenario}`, options.seed));
    (incidents.get(info.scenario) ?? []).forEach((startMs, incident) => {
      const tasks = random.int(info.tasks[0], info.tasks[1]);
      let at = startMs;
      for (let i = 0; i < tasks; i++) {
        planner.tasks.push(
          failedTask(planner, info, `${info.service}#${info.scenario}.${incident}.${i}`, at),
        );
        at += random.int(info.spacingMs[0], info.spacingMs[1]);
      }
    });
  }
  const recent = FAILURE_SCENARIOS.find((info) => info.scenario === 'db-refused')!;
  planner.tasks.push(
    failedTask(planner, recent, `${recent.service}#recent`, planner.nowMs - RECENT_FAILURE_AGO_MS),
  );
}

// ---------------------------------------------------------------------------------------------

function validate(options: SeedOptions): void {
  if (!(options.days > 0)) throw new Error(`days must be a positive number, got ${options.days}`);
  if (!(options.scale > 0)) throw new Error(`scale must be a positive number, got ${options.scale}`);
  if (Number.isNaN(options.now.getTime())) throw new Error('now is not a valid date');
}

export function generateContainersDemo(options: SeedOptions): ContainersDemo {
  validate(options);
  const nowMs = options.now.getTime();
  const planner: Planner = {
    options,
    nowMs,
    fromMs: nowMs - options.days * DAY,
    tasks: [],
    revisions: new Map(),
  };
  const incidents = new Map(
    FAILURE_SCENARIOS.map((info) => [info.scenario, incidentTimes(planner, info)] as const),
  );
  const incidentsByService = new Map<string, number[]>();
  for (const info of FAILURE_SCENARIOS) {
    const times = incidentsByService.get(info.service) ?? [];
    times.push(...(incidents.get(info.scenario) ?? []));
    incidentsByService.set(info.service, times);
  }
  planServices(planner, incidentsByService);
  planJobs(planner);
  planFailures(planner, incidents);
  const tasks = planner.tasks
    .filter((task) => task.createdAtMs <= nowMs)
    .sort((a, b) => a.createdAtMs - b.createdAtMs || a.key.localeCompare(b.key));

  return {
    tasks,
    *events() {
      for (const task of tasks) yield* taskEvents(task, nowMs);
    },
    *logs(logsIndexPattern: string) {
      const indexOf = logIndexNamer(logsIndexPattern);
      for (const task of tasks) {
        for (const container of task.containers) {
          if (!container.runtimeId || !container.dockerName || container.processStartMs === undefined)
            continue;
          if (container.processStartMs > nowMs) continue;
          const random = new Random(hash32(container.runtimeId, options.seed));
          const lines = containerLines(
            {
              service: task.service,
              version: task.version,
              runtime: runtimeOf(task),
              hostname: container.runtimeId.slice(0, 12),
              startMs: container.processStartMs,
              endMs: Math.min(container.processEndMs ?? nowMs, nowMs),
              role: container.role,
            },
            random,
          );
          yield* fluentdDocuments(
            { runtimeId: container.runtimeId, dockerName: container.dockerName, image: container.image },
            untilNow(lines, nowMs),
            indexOf,
            random,
          );
        }
      }
    },
  };
}

function* untilNow<T extends { atMs: number }>(lines: Iterable<T>, nowMs: number): Generator<T> {
  for (const line of lines) if (line.atMs <= nowMs) yield line;
}

function runtimeOf(task: DemoTask) {
  return (SERVICES.find((service) => service.name === task.family) ??
    JOBS.find((job) => job.name === task.family))!.runtime;
}
