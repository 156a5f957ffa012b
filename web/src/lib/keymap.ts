// The app's keyboard shortcuts, in one list: the global handler reads it to act and the keys
// dialog reads it to explain, so the two cannot drift apart. Everything here is pure.

import { resolveTimeRange, type TimeRange } from './time-range.ts';

export type KeyAction =
  'find' | 'next' | 'previous' | 'open' | 'close' | 'range-back' | 'range-forward' | 'help';

export interface KeyBinding {
  action: KeyAction;
  /** `KeyboardEvent.key` values that trigger it. */
  keys: readonly string[];
  /** How the keys dialog shows them. */
  label: string;
  description: string;
  /** Also acts while typing in a field (only Esc: leaving a field must never need the mouse). */
  inFields?: true;
}

export const KEYMAP: readonly KeyBinding[] = [
  { action: 'find', keys: ['/'], label: '/', description: 'Focus the find box' },
  { action: 'next', keys: ['j', 'ArrowDown'], label: 'j or ↓', description: 'Next row of the list' },
  { action: 'previous', keys: ['k', 'ArrowUp'], label: 'k or ↑', description: 'Previous row of the list' },
  { action: 'open', keys: ['Enter'], label: 'Enter', description: 'Open the focused row' },
  {
    action: 'close',
    keys: ['Escape'],
    label: 'Esc',
    description: 'Close the drawer or dialog, back to the row it came from',
    inFields: true,
  },
  {
    action: 'range-back',
    keys: ['['],
    label: '[',
    description: 'Step the time range back by its own length',
  },
  {
    action: 'range-forward',
    keys: [']'],
    label: ']',
    description: 'Step the time range forward by its own length',
  },
  { action: 'help', keys: ['?'], label: '?', description: 'Show these keys' },
];

/** What a key event means, read from the event alone (the DOM parts are passed in by the caller). */
export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** True when the event's target takes typing: input, textarea, select, contenteditable. */
  inField: boolean;
}

/**
 * The action a key press asks for, or undefined. Combinations with Ctrl, Cmd or Alt are the
 * browser's and the system's (copy, find, back), never ours; Shift is allowed because `?` needs it.
 */
export function actionFor(press: KeyPress): KeyAction | undefined {
  if (press.ctrlKey || press.metaKey || press.altKey) return undefined;
  const binding = KEYMAP.find((b) => b.keys.includes(press.key));
  if (!binding) return undefined;
  if (press.inField && !binding.inFields) return undefined;
  return binding.action;
}

/** Does typing go into this element? Keys pressed there are text, not shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    // Buttons dressed as inputs take no text; j and k on them are still shortcuts.
    return !['button', 'submit', 'reset', 'checkbox', 'radio', 'range', 'color', 'file'].includes(
      target.type,
    );
  }
  return false;
}

/**
 * The range of the same length just before (`-1`) or after (`1`) the one shown, as absolute
 * times: `now-1h` at 10:00 steps back to 08:00–09:00. Forward never passes `now`: a range that
 * already ends at now stays put (undefined), and one that would run past it ends at now.
 */
export function stepTimeRange(
  range: TimeRange,
  now: Date,
  direction: -1 | 1,
): { from: string; to: string } | undefined {
  const { from, to } = resolveTimeRange(range, now);
  const lengthMs = to.getTime() - from.getTime();
  if (lengthMs <= 0) return undefined;
  if (direction === 1 && to.getTime() >= now.getTime()) return undefined;
  let nextTo = to.getTime() + direction * lengthMs;
  if (nextTo > now.getTime()) nextTo = now.getTime();
  return {
    from: new Date(nextTo - lengthMs).toISOString(),
    to: new Date(nextTo).toISOString(),
  };
}
