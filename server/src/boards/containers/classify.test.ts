import { describe, expect, it } from 'vitest';
import {
  arnName,
  crashLoopFlags,
  exitMeaning,
  failureReason,
  firstErrorLine,
  isStartupFailure,
  serviceOfGroup,
  type StoppedTask,
} from './classify.ts';

const stopped = (overrides: Partial<StoppedTask>): StoppedTask => ({
  lastStatus: 'STOPPED',
  startedAt: '2026-11-26T10:00:00Z',
  stoppedAt: '2026-11-26T10:00:30Z',
  containers: [],
  ...overrides,
});

describe('exitMeaning', () => {
  it.each([
    [1, 'application error (general failure)'],
    [126, 'command cannot execute (permission or not executable)'],
    [127, 'command not found (wrong entrypoint or missing binary)'],
    [137, 'killed (SIGKILL): out of memory or did not stop in time'],
    [139, 'segmentation fault (SIGSEGV)'],
    [143, 'terminated (SIGTERM), e.g. stopped by ECS'],
    [131, 'killed by signal 3'],
    [42, 'exited with code 42 (application-defined)'],
  ])('%i → %s', (code, meaning) => expect(exitMeaning(code)).toBe(meaning));
  it('null without an exit code', () => expect(exitMeaning(undefined)).toBeNull());
});

describe('failureReason', () => {
  it('reads ECS start errors from the stopped reason or a container reason', () => {
    expect(
      failureReason(
        stopped({ stopCode: 'TaskFailedToStart', stoppedReason: 'CannotPullContainerError: 404' }),
      ),
    ).toBe('image-pull');
    expect(
      failureReason(
        stopped({
          stopCode: 'TaskFailedToStart',
          stoppedReason: 'ResourceInitializationError: unable to pull secrets',
        }),
      ),
    ).toBe('resource-init');
    expect(
      failureReason(
        stopped({ containers: [{ exitCode: 137, reason: 'OutOfMemoryError: Container killed' }] }),
      ),
    ).toBe('out-of-memory');
    expect(
      failureReason(
        stopped({ stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Task failed ELB health checks' }),
      ),
    ).toBe('health-check');
  });

  it('classes non-zero exits of essential containers', () => {
    const exit = (exitCode: number) =>
      failureReason(
        stopped({ stopCode: 'EssentialContainerExited', containers: [{ exitCode: 0 }, { exitCode }] }),
      );
    expect(exit(1)).toBe('app-error');
    expect(exit(127)).toBe('command');
    expect(exit(139)).toBe('crash');
    expect(exit(137)).toBe('out-of-memory');
  });

  it('is not a failure: stopped on purpose (143/137 after SIGTERM), clean exits, still running', () => {
    expect(
      failureReason(stopped({ stopCode: 'ServiceSchedulerInitiated', containers: [{ exitCode: 143 }] })),
    ).toBeNull();
    expect(failureReason(stopped({ stopCode: 'UserInitiated', containers: [{ exitCode: 137 }] }))).toBeNull();
    expect(
      failureReason(stopped({ stopCode: 'EssentialContainerExited', containers: [{ exitCode: 0 }] })),
    ).toBeNull();
    expect(failureReason(stopped({ lastStatus: 'RUNNING', containers: [{ exitCode: 1 }] }))).toBeNull();
  });
});

describe('isStartupFailure', () => {
  const failing = { stopCode: 'EssentialContainerExited', containers: [{ exitCode: 1 }] };
  it('inside the window or never started: yes; after the window: no', () => {
    expect(isStartupFailure(stopped(failing), 300_000)).toBe(true);
    expect(isStartupFailure(stopped({ ...failing, startedAt: undefined }), 300_000)).toBe(true);
    expect(isStartupFailure(stopped({ ...failing, stoppedAt: '2026-11-26T10:06:00Z' }), 300_000)).toBe(false);
  });
});

describe('firstErrorLine', () => {
  const line = (source: string, text: string) => ({ source, line: text });
  it('takes the first stderr line that looks like an error, skipping warnings and stack frames', () => {
    expect(
      firstErrorLine([
        line('stdout', 'Error: this is stdout'),
        line('stderr', 'npm WARN deprecated'),
        line('stderr', '    at Object.<anonymous> (/app/index.js:1:1)'),
        line('stderr', 'Traceback (most recent call last):'),
        line('stderr', '  File "/app/main.py", line 3, in <module>'),
        line('stderr', "    url = os.environ['DATABASE_URL']"),
        line('stderr', "KeyError: 'DATABASE_URL'"),
        line('stderr', 'later: Error: something else'),
      ]),
    ).toBe("KeyError: 'DATABASE_URL'");
    expect(firstErrorLine([line('stderr', 'panic: runtime error: index out of range')])).toBe(
      'panic: runtime error: index out of range',
    );
  });
  it('else the last stderr line; null without stderr', () => {
    expect(firstErrorLine([line('stderr', 'starting'), line('stderr', 'bye')])).toBe('bye');
    expect(firstErrorLine([line('stdout', 'FATAL but on stdout')])).toBeNull();
  });
});

describe('crash loops', () => {
  it('flags failures of a service that failed 3 times within 30 minutes, and only those', () => {
    const minutes = (value: number) => value * 60_000;
    const failures = [
      { service: 'a', stoppedAtMs: minutes(0) },
      { service: 'a', stoppedAtMs: minutes(10) },
      { service: 'b', stoppedAtMs: minutes(11) },
      { service: 'a', stoppedAtMs: minutes(29) },
      { service: 'a', stoppedAtMs: minutes(120) },
      { service: 'b', stoppedAtMs: minutes(50) },
    ];
    expect(crashLoopFlags(failures, 3, minutes(30))).toEqual([true, true, false, true, false, false]);
  });
});

describe('names', () => {
  it('service from the group, cluster and task ids from ARNs', () => {
    expect(serviceOfGroup('service:checkout-api', 'x')).toBe('checkout-api');
    expect(serviceOfGroup(undefined, 'family')).toBe('family');
    expect(arnName('arn:aws:ecs:eu-west-1:123456789012:task/prod/0123abcd')).toBe('0123abcd');
  });
});
