import { useEffect, useId, useRef } from 'react';
import { KEYMAP } from '../lib/keymap.ts';
import { useCloseOnEscape } from '../lib/use-keymap.ts';

/** The keys, listed from the keymap itself (`?` opens it), so the list is never out of date. */
export function KeysDialog({ onClose }: { onClose(): void }) {
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    // Back to where the person was when they asked, as with any dialog.
    const before = document.activeElement;
    closeRef.current?.focus();
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus();
    };
  }, []);
  useCloseOnEscape(onClose);

  return (
    <div className="modal-overlay" onClick={(event) => event.target === event.currentTarget && onClose()}>
      <div className="modal-dialog keys-dialog" role="dialog" aria-modal="true" aria-labelledby={titleId}>
        <header className="drawer-header">
          <h2 id={titleId}>Keyboard shortcuts</h2>
          <button ref={closeRef} type="button" onClick={onClose} aria-label="Close keyboard shortcuts">
            ×
          </button>
        </header>
        <table className="keys-table">
          <caption className="visually-hidden">Keys and what they do</caption>
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Does</th>
            </tr>
          </thead>
          <tbody>
            {KEYMAP.map((binding) => (
              <tr key={binding.action} data-action={binding.action}>
                <td>
                  <kbd>{binding.label}</kbd>
                </td>
                <td>{binding.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="keys-note">
          Keys other than Esc do nothing while you type in a field; Ctrl, Alt and ⌘ combinations stay the
          browser&apos;s.
        </p>
      </div>
    </div>
  );
}
