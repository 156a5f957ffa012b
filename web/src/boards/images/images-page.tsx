import { BoardHeader } from '../../components/board-header.tsx';

// TODO(#6): replace the notice with the board's panels.
export function ImagesPage() {
  return (
    <>
      <BoardHeader title="Image tags" />
      <p className="board-notice" role="note">
        This board is being built (issue #6). It does not show any data yet.
      </p>
    </>
  );
}
