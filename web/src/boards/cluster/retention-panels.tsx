import type { cluster } from '@lookout/server/types';
import { DataTable } from '../../components/data-table.tsx';
import { formatBytes, formatCount } from '../../lib/format-number.ts';
import { formatTimestamp } from '../../lib/format-time.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';

export function RetentionPlanView({ data }: { data: cluster.RetentionResponse }) {
  return (
    <>
      <p>
        {formatCount(data.deletions.length)} indices, {formatBytes(data.totalBytes)} would be deleted by{' '}
        <code>npm run lookout -- retention apply</code>
        {data.schedule.intervalMinutes > 0
          ? `; the app runs it every ${data.schedule.intervalMinutes} minutes.`
          : '; no scheduled run (RETENTION_INTERVAL_MINUTES).'}
      </p>
      <DataTable
        caption="Indices retention would delete"
        columns={[
          'Index',
          'Family',
          'Day',
          { label: 'Size', numeric: true },
          { label: 'Documents', numeric: true },
          'Why',
        ]}
      >
        {data.deletions.map((deletion) => (
          <tr key={deletion.index}>
            <td>{deletion.index}</td>
            <td>{deletion.family}</td>
            <td>
              {deletion.day}
              {deletion.dayFrom === 'creation' ? ' (created)' : ''}
            </td>
            <td className="num">{formatBytes(deletion.bytes)}</td>
            <td className="num">{formatCount(deletion.docs)}</td>
            <td>{deletion.reason}</td>
          </tr>
        ))}
      </DataTable>
    </>
  );
}

export function AuditView({ data, tz }: { data: cluster.AuditResponse; tz: TimeZoneOption }) {
  return (
    <DataTable
      caption="Indices retention deleted"
      columns={['When', 'Index', 'Family', { label: 'Size', numeric: true }, 'By', 'Status', 'Why']}
    >
      {data.records.map((record) => (
        <tr key={`${record.index}-${record.at}`}>
          <td>{formatTimestamp(new Date(record.at), tz)}</td>
          <td>{record.index}</td>
          <td>{record.family}</td>
          <td className="num">{formatBytes(record.bytes)}</td>
          <td>{record.by}</td>
          <td className={record.status === 'failed' ? 'stale' : undefined}>
            {record.status}
            {record.error ? `: ${record.error}` : ''}
          </td>
          <td>{record.reason}</td>
        </tr>
      ))}
    </DataTable>
  );
}
