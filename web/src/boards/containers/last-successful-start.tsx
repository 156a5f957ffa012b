import type { containers } from '@lookout/server/types';
import { formatTimestamp } from '../../lib/format-time.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';

type SuccessfulStart = NonNullable<containers.FailureDetailResponse['lastSuccessfulStart']>;

export interface ImageComparison {
  container: string;
  then: string | null;
  now: string | null;
  changed: boolean;
}

/**
 * Images of the last good start next to the failed task's, per container name: a changed image
 * is the first suspect when a service that used to start no longer does.
 */
export function compareImages(
  start: Pick<SuccessfulStart, 'images'>,
  containers: Pick<containers.Failure['containers'][number], 'name' | 'image'>[],
): ImageComparison[] {
  const names = [...new Set([...start.images.map((i) => i.container), ...containers.map((c) => c.name)])];
  return names.map((container) => {
    const then = start.images.find((i) => i.container === container)?.image ?? null;
    const now = containers.find((c) => c.name === container)?.image ?? null;
    return { container, then, now, changed: then !== now };
  });
}

export function LastSuccessfulStart({
  start,
  containers,
  tz,
}: {
  start: SuccessfulStart;
  containers: containers.Failure['containers'];
  tz: TimeZoneOption;
}) {
  const rows = compareImages(start, containers);
  return (
    <>
      <p>
        Started {formatTimestamp(new Date(start.startedAt), tz)} · task <code>{start.taskId}</code>
      </p>
      <table className="data-table">
        <caption className="visually-hidden">Images then and now</caption>
        <thead>
          <tr>
            <th scope="col">Container</th>
            <th scope="col">Image then</th>
            <th scope="col">Image now</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={row.container}
              className={row.changed ? 'containers-image-changed' : undefined}
              data-changed={row.changed}
            >
              <td>{row.container}</td>
              <td>{row.then ? <code>{row.then}</code> : <span className="hint">not in that task</span>}</td>
              <td>
                {row.now ? <code>{row.now}</code> : <span className="hint">not in this task</span>}
                {row.changed && (
                  <strong className="containers-badge containers-badge-changed">changed</strong>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
