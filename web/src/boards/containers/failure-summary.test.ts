import { describe, expect, it } from 'vitest';
import { culpritContainer, describeExit, inAppLink } from './failure-summary.ts';
import { compareImages } from './last-successful-start.tsx';
import { connectionRefused, imagePull } from './test-fixtures.ts';

describe('failure summary', () => {
  it('blames the container that exited non-zero, not the sidecar ECS stopped (143) after it', () => {
    expect(culpritContainer(connectionRefused)?.name).toBe('app');
    expect(culpritContainer({ containers: [...connectionRefused.containers].reverse() })?.name).toBe('app');
    // A task whose only non-zero exit is 143 still names that container.
    const [, envoy] = connectionRefused.containers;
    expect(culpritContainer({ containers: [{ ...envoy!, exitCode: 0 }, envoy!] })?.exitCode).toBe(143);
  });

  it('blames the container with an ECS reason when none ran', () => {
    expect(culpritContainer(imagePull)?.name).toBe('indexer');
    expect(describeExit(culpritContainer(imagePull))).toBe('no exit code (never ran)');
  });

  it('writes the exit code with its meaning', () => {
    expect(
      describeExit({ exitCode: 137, exitMeaning: 'killed (SIGKILL): out of memory or did not stop in time' }),
    ).toBe('137 — killed (SIGKILL): out of memory or did not stop in time');
    expect(describeExit({ exitCode: 3, exitMeaning: null })).toBe('3');
  });

  it("turns a server path or an alert's absolute URL into an in-app link keeping the chosen zone", () => {
    expect(
      inAppLink('/containers/failures/abc?from=2026-11-26T10:00:00.000Z&to=2026-11-26T11:00:00.000Z', 'utc'),
    ).toEqual({
      pathname: '/containers/failures/abc',
      search: '?from=2026-11-26T10%3A00%3A00.000Z&to=2026-11-26T11%3A00%3A00.000Z&tz=utc',
    });
    expect(inAppLink('https://lookout.example.com/containers/failures/abc?tz=local', 'utc')).toEqual({
      pathname: '/containers/failures/abc',
      search: '?tz=local',
    });
    expect(inAppLink('/containers/failures/abc', null)).toEqual({
      pathname: '/containers/failures/abc',
      search: '',
    });
  });

  it('compares images per container with the last good start and flags the changed ones', () => {
    const rows = compareImages(
      {
        images: [
          { container: 'app', image: 'orders-api:41' },
          { container: 'envoy', image: 'envoy:v1.29' },
          { container: 'old-agent', image: 'agent:1' },
        ],
      },
      [
        { name: 'app', image: 'orders-api:42' },
        { name: 'envoy', image: 'envoy:v1.29' },
      ],
    );
    expect(rows).toEqual([
      { container: 'app', then: 'orders-api:41', now: 'orders-api:42', changed: true },
      { container: 'envoy', then: 'envoy:v1.29', now: 'envoy:v1.29', changed: false },
      { container: 'old-agent', then: 'agent:1', now: null, changed: true },
    ]);
  });
});
