import type { containers } from '@lookout/server/types';
import { DataTable } from '../../components/data-table.tsx';
import { useListNavigation } from '../../lib/use-list-navigation.ts';

/** Docker shows the first 12 characters of a container id; the full id is in the tooltip. */
const SHORT_ID = 12;

export function ContainersTable({ containers }: { containers: containers.Failure['containers'] }) {
  const navigation = useListNavigation(
    containers.map((container) => container.name),
    { primary: true },
  );
  return (
    <DataTable
      caption="Containers of the task"
      columns={['Name', 'Image', { label: 'Exit code', numeric: true }, 'Meaning', 'Reason', 'Runtime id']}
      navigation={navigation}
    >
      {containers.map((container) => (
        <tr key={container.name} {...navigation.rowProps(container.name)}>
          <td>{container.name}</td>
          <td>{container.image ? <code>{container.image}</code> : '—'}</td>
          <td className="num">{container.exitCode ?? '—'}</td>
          <td>{container.exitMeaning ?? (container.exitCode === null ? 'never ran' : '—')}</td>
          <td>{container.reason ?? '—'}</td>
          <td>
            {container.runtimeId ? (
              <code title={container.runtimeId}>{container.runtimeId.slice(0, SHORT_ID)}</code>
            ) : (
              <span className="hint">none (no Docker id, e.g. Fargate)</span>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
