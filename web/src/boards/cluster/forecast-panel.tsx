import { Link } from 'react-router';
import type { cluster } from '@lookout/server/types';
import { formatBytes } from '../../lib/format-number.ts';

const LABEL = { low: 'Low', high: 'High', flood_stage: 'Flood-stage' } as const;

function when(days: number | null): string {
  if (days === null) return 'not within a year';
  if (days === 0) return 'already past';
  return `in ${days} days`;
}

export function ForecastView({ data }: { data: cluster.ForecastResponse }) {
  const growing = data.families.filter((family) => family.dailyBytes > 0);
  return (
    <div className="cluster-forecast">
      <p>
        {formatBytes(data.usedBytes)} of {formatBytes(data.totalBytes)} used; the families add{' '}
        {formatBytes(data.dailyGrowthBytes)} a day (average of the last 7 full days).
      </p>
      <ul className="forecast-watermarks">
        {data.watermarks.map((watermark) => (
          <li
            key={watermark.name}
            className={watermark.daysUntil !== null && watermark.daysUntil <= 3 ? 'stale' : undefined}
          >
            <strong>
              {LABEL[watermark.name]} watermark {when(watermark.daysUntil)}
            </strong>{' '}
            ({watermark.setting}, at {formatBytes(watermark.thresholdBytes)} used)
          </li>
        ))}
      </ul>
      {growing.length > 0 && (
        <ul className="forecast-families">
          {growing.map((family) => (
            <li key={family.name}>
              <Link to={family.link}>{family.name}</Link>: {formatBytes(family.dailyBytes)}/day, now{' '}
              {formatBytes(family.currentBytes)}
              {family.steadyBytes === null
                ? ', unbounded'
                : `, held at ${formatBytes(family.steadyBytes)} by retention`}
            </li>
          ))}
        </ul>
      )}
      {data.advice.length > 0 && (
        <p className="forecast-advice">
          To stay below the high watermark:{' '}
          {data.advice
            .map((advice) =>
              advice.maxDaysBelowHigh === null
                ? `${advice.family}: no retention is short enough`
                : `${advice.family} may keep up to ${advice.maxDaysBelowHigh} days`,
            )
            .join('; ')}
          .
        </p>
      )}
    </div>
  );
}
