import { describe, expect, it } from 'vitest';
import { actionFor, KEYMAP, stepTimeRange } from './keymap.ts';
import { parseTimeSettings } from './time-range.ts';

const press = (key: string, extra: Partial<Parameters<typeof actionFor>[0]> = {}) =>
  actionFor({ key, ctrlKey: false, metaKey: false, altKey: false, inField: false, ...extra });

const rangeOf = (query: string) => parseTimeSettings(new URLSearchParams(query)).range;
const NOW = new Date('2026-11-26T10:43:00.000Z');

describe('keymap', () => {
  it('maps each documented key to its action', () => {
    expect(press('/')).toBe('find');
    expect(press('j')).toBe('next');
    expect(press('ArrowDown')).toBe('next');
    expect(press('k')).toBe('previous');
    expect(press('ArrowUp')).toBe('previous');
    expect(press('Enter')).toBe('open');
    expect(press('Escape')).toBe('close');
    expect(press('[')).toBe('range-back');
    expect(press(']')).toBe('range-forward');
    expect(press('?')).toBe('help');
    expect(press('x')).toBeUndefined();
  });

  it('leaves Ctrl, Cmd and Alt combinations to the browser', () => {
    expect(press('j', { ctrlKey: true })).toBeUndefined();
    expect(press('[', { metaKey: true })).toBeUndefined();
    expect(press('/', { altKey: true })).toBeUndefined();
  });

  it('ignores keys typed in a field, except Esc', () => {
    for (const key of ['/', 'j', 'k', 'Enter', '[', ']', '?', 'ArrowDown'])
      expect(press(key, { inField: true })).toBeUndefined();
    expect(press('Escape', { inField: true })).toBe('close');
  });

  it('binds no key twice', () => {
    const keys = KEYMAP.flatMap((binding) => binding.keys);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe('stepping the time range', () => {
  it('steps the last hour back by one hour, as absolute times', () => {
    expect(stepTimeRange(rangeOf('from=now-1h'), NOW, -1)).toEqual({
      from: '2026-11-26T08:43:00.000Z',
      to: '2026-11-26T09:43:00.000Z',
    });
  });

  it('steps an absolute range of 20 minutes forward by 20 minutes', () => {
    expect(stepTimeRange(rangeOf('from=2026-11-26T09:00:00Z&to=2026-11-26T09:20:00Z'), NOW, 1)).toEqual({
      from: '2026-11-26T09:20:00.000Z',
      to: '2026-11-26T09:40:00.000Z',
    });
  });

  it('does not step forward past now: a range ending now stays, one near it ends at now', () => {
    expect(stepTimeRange(rangeOf('from=now-24h'), NOW, 1)).toBeUndefined();
    expect(stepTimeRange(rangeOf('from=2026-11-26T09:00:00Z&to=2026-11-26T10:00:00Z'), NOW, 1)).toEqual({
      from: '2026-11-26T09:43:00.000Z',
      to: '2026-11-26T10:43:00.000Z',
    });
  });

  it('back then forward returns to the same instants', () => {
    const back = stepTimeRange(rangeOf('from=now-7d'), NOW, -1);
    expect(back).toEqual({ from: '2026-11-12T10:43:00.000Z', to: '2026-11-19T10:43:00.000Z' });
    const forward = stepTimeRange(rangeOf(`from=${back?.from}&to=${back?.to}`), NOW, 1);
    expect(forward).toEqual({ from: '2026-11-19T10:43:00.000Z', to: '2026-11-26T10:43:00.000Z' });
  });
});
