import { describe, expect, it } from 'vitest';
import { isReasonClass, REASON_ORDER, reasonStyle, UNLISTED_REASON } from './reason-classes.ts';

describe('reason classes', () => {
  it('lists every class once, from "never started" to "started and died"', () => {
    expect(REASON_ORDER).toEqual([
      'image-pull',
      'resource-init',
      'cannot-start',
      'out-of-memory',
      'command',
      'crash',
      'app-error',
      'health-check',
      'other',
    ]);
    expect(new Set(REASON_ORDER).size).toBe(REASON_ORDER.length);
  });

  it('gives each class its own fixed colour, none shared with the unlisted series', () => {
    const colors = REASON_ORDER.map((reason) => reasonStyle(reason).color);
    expect(new Set([...colors, UNLISTED_REASON.color]).size).toBe(REASON_ORDER.length + 1);
    expect(reasonStyle('out-of-memory')).toMatchObject({ label: 'Out of memory', color: '#e15759' });
    expect(reasonStyle('image-pull')).toMatchObject({ label: 'Image pull', color: '#4e79a7' });
  });

  it('knows the server classes and nothing else', () => {
    expect(isReasonClass('app-error')).toBe(true);
    expect(isReasonClass('oom')).toBe(false);
  });
});
