import { describe, expect, it } from 'vitest';
import { crashLoopFlags, firstErrorLine, isStartupFailure } from '../classify.ts';
import { ecsEventProblem, toStoredEcsEvent } from '../ingest/to-document.ts';
import { linesFromHits } from '../logs.ts';
import { hugeExceptionLine } from './app-logs.ts';
import { DOCKER_PARTIAL_BYTES, logIndexNamer } from './fluentd.ts';
import { FAILURE_SCENARIOS, RECENT_FAILURE_AGO_MS, generateContainersDemo } from './generate.ts';

const now = new Date('2026-11-26T13:00:00Z');
const options = { days: 2, scale: 0.25, seed: 4, now };
const STARTUP_WINDOW_MS = 5 * 60_000;
const HOUR = 3_600_000;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

describe('containers demo data', () => {
  const demo = generateContainersDemo(options);
  const events = [...demo.events()];
  const logs = [...demo.logs('logstash-*')];
  const stopped = events
    .filter((event) => event.detail.lastStatus === 'STOPPED')
    .map((event) => toStoredEcsEvent(event, now).lookout);
  const failures = stopped.filter((task) => isStartupFailure(task, STARTUP_WINDOW_MS));
  const taskOf = new Map(demo.tasks.map((task) => [task.taskId, task]));

  it(
    'writes a few thousand tasks and 50–100 thousand log lines a day at scale 1',
    { timeout: 30_000 },
    () => {
      const day = generateContainersDemo({ days: 1, scale: 1, seed: 4, now });
      expect(day.tasks.length).toBeGreaterThan(2_000);
      expect(day.tasks.length).toBeLessThan(4_000);
      let lines = 0;
      for (const document of day.logs('logstash-*'))
        if (document.document.partial_ordinal !== '2') lines += 1;
      expect(lines).toBeGreaterThan(50_000);
      expect(lines).toBeLessThan(100_000);
    },
  );

  it('is the same for the same options, with unique event and log ids', { timeout: 30_000 }, () => {
    const again = generateContainersDemo(options);
    expect([...again.events()].map((event) => event.id)).toEqual(events.map((event) => event.id));
    expect([...again.logs('logstash-*')].map((document) => document.id)).toEqual(
      logs.map((document) => document.id),
    );
    const eventIds = events.map((event) => `${event.detail.taskArn}:${event.detail.version}`);
    expect(new Set(eventIds).size).toBe(events.length);
    expect(new Set(logs.map((document) => document.id)).size).toBe(logs.length);
  });

  it(
    'sends ECS Task State Change events exactly as EventBridge delivers them, none after now',
    { timeout: 30_000 },
    () => {
      for (const event of events) {
        expect(ecsEventProblem(event)).toBeNull();
        expect(event).toMatchObject({
          version: '0',
          'detail-type': 'ECS Task State Change',
          source: 'aws.ecs',
        });
        expect(event.resources).toEqual([event.detail.taskArn]);
        expect(event.detail.taskArn).toMatch(
          /^arn:aws:ecs:eu-west-1:123456789012:task\/[a-z-]+\/[0-9a-f]{32}$/,
        );
        expect(event.detail.group).toMatch(/^(service|family):[a-z-]+$/);
        expect(Date.parse(event.time)).toBeLessThanOrEqual(now.getTime());
        for (const container of event.detail.containers) {
          if (event.detail.launchType === 'FARGATE') expect(container.runtimeId).toBeUndefined();
          else if (container.runtimeId !== undefined) expect(container.runtimeId).toMatch(/^[0-9a-f]{64}$/);
        }
      }
      const byTask = groupBy(events, (event) => event.detail.taskArn);
      for (const taskEvents of byTask.values()) {
        expect(taskEvents.map((event) => event.detail.version)).toEqual(taskEvents.map((_, i) => i + 1));
        expect(taskEvents[0]!.detail.lastStatus).toMatch(/^(PENDING|PROVISIONING)$/);
      }
      const statuses = (launchType: string) =>
        new Set(events.filter((e) => e.detail.launchType === launchType).map((e) => e.detail.lastStatus));
      expect(statuses('EC2')).toEqual(new Set(['PENDING', 'RUNNING', 'STOPPED']));
      expect(statuses('FARGATE')).toEqual(
        new Set(['PROVISIONING', 'PENDING', 'RUNNING', 'DEPROVISIONING', 'STOPPED']),
      );
    },
  );

  it('stops healthy tasks on purpose (deployments, exit 143) and finishes jobs with exit 0: not failures', () => {
    const healthy = stopped.filter((task) => taskOf.get(task.taskId)?.scenario === 'healthy');
    const jobs = stopped.filter((task) => taskOf.get(task.taskId)?.scenario === 'job');
    expect(healthy.length).toBeGreaterThan(20);
    expect(jobs.length).toBeGreaterThan(500);
    for (const task of healthy) {
      expect(task).toMatchObject({ stopCode: 'ServiceSchedulerInitiated' });
      expect(task.containers[0]!.exitCode).toBe(143);
      expect(task.ranMs).toBeGreaterThan(HOUR);
      expect(task.failureReason).toBeUndefined();
    }
    for (const task of jobs) {
      expect(task.ranMs).toBeLessThan(STARTUP_WINDOW_MS);
      expect(task.failureReason).toBeUndefined();
    }
  });

  it('has every failing scenario, classified as the board should classify it', () => {
    for (const info of FAILURE_SCENARIOS) {
      const ofScenario = failures.filter((task) => taskOf.get(task.taskId)?.scenario === info.scenario);
      expect(ofScenario.length, info.scenario).toBeGreaterThan(0);
      for (const task of ofScenario) {
        expect(task.service, info.scenario).toBe(info.service);
        expect(task.failureReason, info.scenario).toBe(info.reasonClass);
        expect(task.containers[0]!.exitCode ?? null, info.scenario).toBe(info.exitCode);
        expect(task.runtimeIds.length > 0, info.scenario).toBe(info.hasLogs);
      }
    }
    expect(failures.every((task) => taskOf.get(task.taskId)?.scenario !== 'healthy')).toBe(true);
    const pull = failures.find((task) => task.failureReason === 'image-pull')!;
    expect(pull).toMatchObject({ stopCode: 'TaskFailedToStart' });
    expect(pull.startedAt).toBeUndefined();
    expect(pull.stoppedReason).toMatch(/^CannotPullContainerError: /);
    const fargate = failures.find((task) => task.launchType === 'FARGATE')!;
    expect(fargate.stoppedReason).toMatch(/^ResourceInitializationError: /);
    const oom = failures.find((task) => task.failureReason === 'out-of-memory')!;
    expect(oom.containers[0]!.reason).toBe('OutOfMemoryError: Container killed due to memory usage');
  });

  it('has a failure in the last hour, and crash loops only where the scenario says so', () => {
    const newest = Math.max(...failures.map((task) => Date.parse(task.stoppedAt!)));
    expect(now.getTime() - newest).toBeLessThan(RECENT_FAILURE_AGO_MS);
    const times = failures.map((task) => ({
      service: task.service,
      stoppedAtMs: Date.parse(task.stoppedAt!),
    }));
    const flags = crashLoopFlags(times, 3, 30 * 60_000);
    const looping = new Set(times.filter((_, i) => flags[i]).map((time) => time.service));
    expect([...looping]).toEqual(['inventory-sync']);
    const loopFailures = times.filter((time) => time.service === 'inventory-sync');
    expect(loopFailures.length).toBeGreaterThanOrEqual(2 * 14);
    // Several separate episodes: gaps of hours between runs of failures two minutes apart.
    const sorted = loopFailures.map((time) => time.stoppedAtMs).sort((a, b) => a - b);
    const gaps = sorted.slice(1).map((time, i) => time - sorted[i]!);
    expect(gaps.filter((gap) => gap > HOUR).length).toBeGreaterThanOrEqual(1);
    expect(Math.max(...gaps.filter((gap) => gap < HOUR))).toBeLessThan(3 * 60_000);
  });

  it('writes log documents as fluent-plugin-elasticsearch does for the Docker fluentd driver', () => {
    const ec2RuntimeIds = new Set(
      demo.tasks.flatMap((task) => task.containers.flatMap((container) => container.runtimeId ?? [])),
    );
    // One check per document would take seconds: collect what is wrong, then compare once.
    const wrong: string[] = [];
    const check = (ok: boolean, what: string, id: string) => {
      if (!ok && wrong.length < 5) wrong.push(`${id}: ${what}`);
    };
    for (const { index, id, document } of logs) {
      const timestamp = document['@timestamp'];
      check(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}\+00:00$/.test(timestamp), `@timestamp ${timestamp}`, id);
      check(index === `logstash-${timestamp.slice(0, 10).replace(/-/g, '.')}`, `index ${index}`, id);
      check(ec2RuntimeIds.has(document.container_id), 'container_id is no EC2 runtimeId', id);
      check(
        /^\/ecs-[a-z-]+-\d+-[a-z-]+-[0-9a-f]{20}$/.test(document.container_name),
        document.container_name,
        id,
      );
      check(document.source === 'stdout' || document.source === 'stderr', `source ${document.source}`, id);
      check(!document.log.includes('\n'), 'newline in log', id);
      check(
        /dkr\.ecr|public\.ecr\.aws/.test(document['@log_name']),
        `@log_name ${document['@log_name']}`,
        id,
      );
      check(Date.parse(timestamp) <= now.getTime(), 'after now', id);
    }
    expect(wrong).toEqual([]);
  });

  it('splits the one line over 16 KB into Docker partial messages that join back', () => {
    const parts = logs.filter((document) => document.document.partial_message === 'true');
    expect(parts.map((part) => part.document.partial_ordinal)).toEqual(['1', '2', '3']);
    expect(parts.map((part) => part.document.partial_last)).toEqual(['false', 'false', 'true']);
    expect(new Set(parts.map((part) => part.document.partial_id)).size).toBe(1);
    expect(parts[0]!.document.partial_id).toMatch(/^[0-9a-f]{64}$/);
    expect(parts.every((part) => Buffer.byteLength(part.document.log) <= DOCKER_PARTIAL_BYTES)).toBe(true);
    expect(Buffer.byteLength(parts[0]!.document.log)).toBe(DOCKER_PARTIAL_BYTES);
    const joined = linesFromHits(parts.reverse().map((part) => ({ _source: part.document })));
    expect(joined).toHaveLength(1);
    expect(joined[0]!.line).toBe(hugeExceptionLine());
  });

  it('gives every EC2 failure a startup log the board can read, and none to Fargate or pull errors', () => {
    const logsOf = groupBy(logs, (document) => document.document.container_id);
    for (const task of failures) {
      const lines = task.runtimeIds.flatMap((id) => logsOf.get(id) ?? []);
      const scenario = taskOf.get(task.taskId)!.scenario;
      if (scenario === 'image-pull' || scenario === 'fargate-secrets') {
        expect(lines, scenario).toHaveLength(0);
        continue;
      }
      expect(lines.length, scenario).toBeGreaterThan(2);
      const ordered = linesFromHits(lines.map((document) => ({ _source: document.document })));
      expect(firstErrorLine(ordered), scenario).not.toBeNull();
      if (scenario === 'db-refused')
        expect(firstErrorLine(ordered)).toBe('Error: connect ECONNREFUSED 10.0.3.12:5432');
      if (scenario === 'crash-loop') expect(firstErrorLine(ordered)).toMatch(/^panic: runtime error/);
    }
  });

  it('names daily indices from the configured pattern and refuses patterns it cannot write', () => {
    const day = Date.parse('2026-11-26T23:59:59Z');
    expect(logIndexNamer('logstash-*')(day)).toBe('logstash-2026.11.26');
    expect(logIndexNamer('containers-*,logstash-*')(day)).toBe('containers-2026.11.26');
    expect(logIndexNamer('container-logs')(day)).toBe('container-logs');
    expect(() => logIndexNamer('*')).toThrow(/CONTAINER_LOGS_INDEX "\*".*trailing \*/);
    expect(() => logIndexNamer('logs-*-prod')).toThrow(/CONTAINER_LOGS_INDEX/);
  });

  it('rejects options that cannot make a range', () => {
    expect(() => generateContainersDemo({ ...options, days: 0 })).toThrow(/days must be a positive number/);
    expect(() => generateContainersDemo({ ...options, scale: -1 })).toThrow(
      /scale must be a positive number/,
    );
  });
});
