import { BoardHeader } from '../../components/board-header.tsx';

// TODO(#3): replace the notice with the board's panels.
export function CloudtrailPage() {
  return (
    <>
      <BoardHeader title="CloudTrail" />
      <p className="board-notice" role="note">
        This board is being built (issue #3). It does not show any data yet.
      </p>
    </>
  );
}
