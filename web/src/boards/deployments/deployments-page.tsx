import { BoardHeader } from '../../components/board-header.tsx';

// TODO(#5): replace the notice with the board's panels.
export function DeploymentsPage() {
  return (
    <>
      <BoardHeader title="Deployments" />
      <p className="board-notice" role="note">
        This board is being built (issue #5). It does not show any data yet.
      </p>
    </>
  );
}
