import { describe, expect, it } from 'vitest';
import { tracesFinders } from './finders.ts';

const finder = (what: string) => tracesFinders.find((candidate) => candidate.what === what)!;

describe('traces finders', () => {
  it('look a 64-bit trace id up as stored: lowercase, left-padded to 32 digits', () => {
    expect(finder('trace').normalise!('00F067AA0BA902B7')).toBe('000000000000000000f067aa0ba902b7');
  });

  it('ask span ids only with 16 digits', () => {
    expect(finder('span').normalise!('00F067AA0BA902B7')).toBe('00f067aa0ba902b7');
    expect(finder('span').normalise!('4bf92f3577b34da6a3ce929d0e0e4736')).toBeNull();
  });
});
