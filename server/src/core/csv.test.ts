import { describe, expect, it } from 'vitest';
import { csvCell, csvLine } from './csv.ts';

describe('CSV cells', () => {
  it('quotes a field with a comma, a quote or a line break, doubling quotes (RFC 4180)', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
  });

  it.each(['=HYPERLINK("http://x")', '+1+2', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'])(
    'neutralises the formula %j with a leading quote',
    (formula) => {
      expect(csvCell(formula).replace(/^"/, '').startsWith("'")).toBe(true);
    },
  );

  it('quotes a neutralised formula that also holds a comma', () => {
    expect(csvCell('=1,2')).toBe(`"'=1,2"`);
  });

  it('writes numbers as numbers (a negative number is not a formula), empty for null', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('joins a list into one cell', () => {
    expect(csvCell(['alice', 'bob'])).toBe('alice; bob');
  });

  it('ends every line with CRLF', () => {
    expect(csvLine(['a', 1, null])).toBe('a,1,\r\n');
  });
});
