import type { ContainerFailure } from '@lookout/server/types';

/** Docker shows the first 12 characters of a container id; the full id is in the tooltip. */
const SHORT_ID = 12;

export function ContainersTable({ containers }: { containers: ContainerFailure['containers'] }) {
  return (
    <div className="table-scroll">
      <table className="data-table">
        <caption className="visually-hidden">Containers of the task</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Image</th>
            <th scope="col" className="num">
              Exit code
            </th>
            <th scope="col">Meaning</th>
            <th scope="col">Reason</th>
            <th scope="col">Runtime id</th>
          </tr>
        </thead>
        <tbody>
          {containers.map((container) => (
            <tr key={container.name}>
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
        </tbody>
      </table>
    </div>
  );
}
