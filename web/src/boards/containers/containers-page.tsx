import { BoardHeader } from '../../components/board-header.tsx';

// TODO(#4): replace the notice with the board's panels.
export function ContainersPage() {
  return (
    <>
      <BoardHeader title="Container failures" />
      <p className="board-notice" role="note">
        This board is being built (issue #4). It does not show any data yet.
      </p>
    </>
  );
}
