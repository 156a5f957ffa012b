import { Link } from 'react-router';
import type { cluster } from '@lookout/server/types';
import { DataTable } from '../../components/data-table.tsx';
import { formatAge, formatBytes, formatCount } from '../../lib/format-number.ts';

export function retentionText(retention: cluster.FamilyRow['retention']): string {
  if (retention === null) return 'never deleted';
  const parts = [
    retention.days !== undefined ? `${retention.days} days` : null,
    retention.budgetBytes !== undefined ? `≤ ${formatBytes(retention.budgetBytes)}` : null,
  ];
  return parts.filter(Boolean).join(' and ');
}

function shardNote(family: cluster.FamilyRow): string {
  if (family.shardSize === 'small') return 'below the 10–50 GB guidance';
  if (family.shardSize === 'large') return 'above the 10–50 GB guidance';
  return '';
}

/** Freshness: "newest 47 min ago", flagged past the family's threshold, linking to its board. */
function Freshness({ family }: { family: cluster.FamilyRow }) {
  if (family.newest === null || family.lagMs === null) {
    return (
      <span className={family.stale ? 'stale' : 'muted'}>
        {family.indexCount > 0 ? 'no documents' : 'no indices'}
      </span>
    );
  }
  const text = `${formatAge(family.lagMs)} ago`;
  return (
    <Link
      to={family.link}
      className={family.stale ? 'stale' : undefined}
      title={`newest document ${family.newest}`}
    >
      {family.stale ? `⚠ ${text}` : text}
    </Link>
  );
}

export function FamiliesTable({
  families,
  selected,
  onSelect,
}: {
  families: cluster.FamilyRow[];
  selected: string | undefined;
  onSelect(family: string): void;
}) {
  return (
    <DataTable
      caption="Index families"
      className="families-table"
      columns={[
        'Family',
        { label: 'Indices', numeric: true },
        { label: 'Documents', numeric: true },
        { label: 'Size', numeric: true },
        { label: 'Primary shards', numeric: true },
        { label: 'Avg shard', numeric: true },
        'Newest document',
        { label: 'Last hour', numeric: true },
        'Retention',
      ]}
    >
      {families.map((family) => (
        <tr key={family.name} className={family.name === selected ? 'selected' : undefined}>
          <td>
            <button
              type="button"
              className="link-button"
              aria-pressed={family.name === selected}
              onClick={() => onSelect(family.name)}
              title={`Show the daily volume of ${family.pattern}`}
            >
              {family.title}
            </button>{' '}
            <Link to={family.link} className="board-link" aria-label={`Open the board ${family.title} feeds`}>
              ↗
            </Link>
          </td>
          <td className="num">{formatCount(family.indexCount)}</td>
          <td className="num">{formatCount(family.docs)}</td>
          <td className="num">{formatBytes(family.totalBytes)}</td>
          <td className="num">{formatCount(family.primaryShards)}</td>
          <td className="num" title={shardNote(family)}>
            {family.averageShardBytes === null ? '–' : formatBytes(family.averageShardBytes)}
            {family.shardSize === 'small' || family.shardSize === 'large' ? (
              <span className={`shard-flag shard-${family.shardSize}`}> {family.shardSize}</span>
            ) : null}
          </td>
          <td>
            <Freshness family={family} />
          </td>
          <td className="num">{formatCount(family.docsLastHour)}</td>
          <td>{family.protected ? 'never deleted (protected)' : retentionText(family.retention)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
