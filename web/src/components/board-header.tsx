import { formatRange } from '../lib/format-time.ts';
import { useResolvedTimeRange, useTimeRange } from '../lib/use-time-range.ts';

/** Title of a board and the absolute range it shows, so a screenshot says what it covers. */
export function BoardHeader({ title }: { title: string }) {
  const { tz } = useTimeRange();
  const { from, to } = useResolvedTimeRange();
  return (
    <header className="board-header">
      <title>{`${title} · Lookout`}</title>
      <h1>{title}</h1>
      <p className="board-range">{formatRange(from, to, tz, 'second')}</p>
    </header>
  );
}
