import { useCallback, useEffect, useRef, useState } from 'react';
import { actionFor, isTypingTarget, stepTimeRange, type KeyAction } from './keymap.ts';
import { useNowStore } from './now.ts';
import { moveInList, openFocusedRow } from './use-list-navigation.ts';
import { useTimeRange } from './use-time-range.ts';

// What Esc closes: the drawers and dialogs open now, newest last. Each closes itself (and puts
// the focus back where it came from); the keymap only picks the one on top.
const closers: { current: () => void }[] = [];

/** Registers `close` for Esc while the component is mounted (a drawer, a dialog). */
export function useCloseOnEscape(close: () => void): void {
  const latest = useRef(close);
  useEffect(() => {
    latest.current = close;
  });
  useEffect(() => {
    closers.push(latest);
    return () => {
      closers.splice(closers.indexOf(latest), 1);
    };
  }, []);
}

function closeTopmost(): boolean {
  const top = closers.at(-1);
  if (!top) return false;
  top.current();
  return true;
}

/**
 * The app's keys (lib/keymap.ts), listened for once, in the app shell. A key that a component
 * handled first (`preventDefault`: a suggestion list's Esc, a field's Enter) is left to it.
 */
export function useKeymap(): { helpOpen: boolean; openHelp(): void; closeHelp(): void } {
  const [helpOpen, setHelpOpen] = useState(false);
  const { range, setRange } = useTimeRange();
  const nowStore = useNowStore();
  const latest = useRef({ range, setRange });
  useEffect(() => {
    latest.current = { range, setRange };
  });

  useEffect(() => {
    const perform = (action: KeyAction, key: string): boolean => {
      // Behind a modal dialog (the keys, the access token) the board is out of reach, keys included.
      if (action !== 'close' && document.querySelector('[aria-modal="true"]')) return false;
      switch (action) {
        case 'find': {
          const box = document.querySelector<HTMLElement>('[data-shortcut="find"]');
          box?.focus();
          return box !== null;
        }
        case 'next':
        case 'previous':
          // Arrows scroll the page unless the focus is already in a list; j and k enter one.
          return moveInList(action === 'next' ? 1 : -1, { enter: key === 'j' || key === 'k' });
        case 'open':
          return openFocusedRow();
        case 'close':
          return closeTopmost();
        case 'range-back':
        case 'range-forward': {
          const { range, setRange } = latest.current;
          const step = stepTimeRange(range, nowStore.getNow(), action === 'range-back' ? -1 : 1);
          if (step) setRange(step.from, step.to);
          return true;
        }
        case 'help':
          setHelpOpen(true);
          return true;
      }
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const action = actionFor({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        inField: isTypingTarget(event.target),
      });
      if (action && perform(action, event.key)) event.preventDefault();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [nowStore]);

  const openHelp = useCallback(() => setHelpOpen(true), []);
  const closeHelp = useCallback(() => setHelpOpen(false), []);
  return { helpOpen, openHelp, closeHelp };
}
