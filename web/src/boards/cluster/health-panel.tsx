import type { cluster } from '@lookout/server/types';
import { DataTable } from '../../components/data-table.tsx';
import { formatBytes, formatCount } from '../../lib/format-number.ts';

const WATERMARK_LABEL = { low: 'low', high: 'high', flood_stage: 'flood stage' } as const;

/** Used disk as a bar, with a tick at each watermark; past one, the bar takes its colour. */
export function WatermarkBar({ node }: { node: cluster.NodeRow }) {
  const { disk } = node;
  const percentOf = (bytes: number) => (disk.totalBytes > 0 ? (bytes / disk.totalBytes) * 100 : 0);
  const marks = Object.entries(disk.watermarkBytes) as Array<[keyof typeof WATERMARK_LABEL, number]>;
  const label =
    `${disk.usedPercent}% used (${formatBytes(disk.usedBytes)} of ${formatBytes(disk.totalBytes)})` +
    (disk.past ? `, past the ${WATERMARK_LABEL[disk.past]} watermark` : '');
  return (
    <div
      className={`watermark-bar${disk.past ? ` past-${disk.past}` : ''}`}
      role="img"
      aria-label={label}
      title={label}
    >
      <div className="watermark-used" style={{ width: `${Math.min(100, disk.usedPercent)}%` }} />
      {marks.map(([name, bytes]) => (
        <span
          key={name}
          className={`watermark-mark mark-${name}`}
          style={{ left: `${percentOf(bytes)}%` }}
          title={`${WATERMARK_LABEL[name]} watermark at ${formatBytes(bytes)} used`}
        />
      ))}
    </div>
  );
}

export function HealthSummary({ data }: { data: cluster.HealthResponse }) {
  return (
    <div className="cluster-health">
      <p className="cluster-status">
        <span className={`status-badge status-${data.status}`}>{data.status}</span> {data.clusterName}:{' '}
        {formatCount(data.activeShards)} active shards, {formatCount(data.unassignedShards)} unassigned,{' '}
        {formatCount(data.relocatingShards)} relocating, {formatCount(data.initializingShards)} initializing.
        Watermarks: {data.watermarks.map((w) => `${WATERMARK_LABEL[w.name]} ${w.setting}`).join(', ')}.
      </p>
      <DataTable
        caption="Nodes"
        columns={[
          'Node',
          { label: 'Heap', numeric: true },
          { label: 'CPU', numeric: true },
          { label: 'Shards', numeric: true },
          'Disk against the watermarks',
          { label: 'Free', numeric: true },
        ]}
      >
        {data.nodes.map((node) => (
          <tr key={node.name}>
            <td>{node.name}</td>
            <td className="num">{node.heapPercent === null ? '–' : `${node.heapPercent}%`}</td>
            <td className="num">{node.cpuPercent === null ? '–' : `${node.cpuPercent}%`}</td>
            <td className="num">{node.shards === null ? '–' : formatCount(node.shards)}</td>
            <td>
              <WatermarkBar node={node} />
            </td>
            <td className="num">{formatBytes(node.disk.availableBytes)}</td>
          </tr>
        ))}
      </DataTable>
      {data.unassigned.length > 0 && (
        <>
          <h3>Unassigned shards</h3>
          <ul className="unassigned-list">
            {data.unassigned.map((shard) => (
              <li key={`${shard.index}-${shard.shard}-${shard.primary}`}>
                <strong>
                  {shard.index}[{shard.shard}] {shard.primary ? 'primary' : 'replica'}
                </strong>{' '}
                ({shard.reason ?? 'no reason'}): {shard.explanation}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
