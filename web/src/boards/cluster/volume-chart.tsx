import type { TooltipContentProps } from 'recharts';
import type { cluster } from '@lookout/server/types';
import { StackedBarChart } from '../../components/time-bar-chart.tsx';
import { formatBytes, formatCount } from '../../lib/format-number.ts';

type DayRow = cluster.FamilyRow['days'][number];

const SERIES = [{ key: 'docs', name: 'Documents', color: '#4e79a7', value: 'docs' as const }];

/** One family's last 14 days: documents per UTC day as bars, bytes beside them. */
export function VolumeChart({ family, height }: { family: cluster.FamilyRow; height: number }) {
  const fullDays = family.days.slice(0, -1).slice(-7);
  const averageBytes = fullDays.reduce((sum, day) => sum + day.bytes, 0) / Math.max(1, fullDays.length);
  return (
    <StackedBarChart<DayRow>
      rows={family.days}
      xKey="day"
      xLabel="Day (UTC)"
      series={SERIES}
      title={`${family.title}: documents per day over the last 14 days`}
      height={height}
      yAxisWidth={64}
      tooltip={(props) => <DayTooltip {...props} />}
      caption={
        <>
          {family.title} ({family.pattern}): documents per UTC day by{' '}
          <code>{family.daily ? 'index day' : 'time field'}</code>; bytes per day{' '}
          {family.daily
            ? 'are the sizes of the indices named for the day'
            : 'are documents × average document size'}
          .
        </>
      }
      aside={
        <dl className="volume-aside">
          <dt>Average day (last 7 full days)</dt>
          <dd>{formatBytes(Math.round(averageBytes))}</dd>
          <dt>Today so far</dt>
          <dd>
            {formatCount(family.days.at(-1)?.docs ?? 0)} documents,{' '}
            {formatBytes(family.days.at(-1)?.bytes ?? 0)}
          </dd>
        </dl>
      }
    />
  );
}

function DayTooltip({ active, payload }: TooltipContentProps) {
  const row = payload?.[0]?.payload as DayRow | undefined;
  if (!active || !row) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip-title">{row.day} (UTC)</p>
      <p>
        {formatCount(row.docs)} documents, {formatBytes(row.bytes)}
      </p>
    </div>
  );
}
