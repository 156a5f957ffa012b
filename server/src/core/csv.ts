/**
 * CSV as RFC 4180 has it (CRLF line ends, a field quoted when it holds a comma, a quote or a line
 * break, quotes doubled), with text cells made safe for spreadsheets: a cell starting with `=`,
 * `+`, `-`, `@`, a tab or a carriage return is a formula to Excel and LibreOffice, so it gets a
 * leading `'` (OWASP "CSV Injection"). Numbers are written as numbers: -3 is a value, not a formula.
 */
export type CsvValue = string | number | boolean | null | undefined | readonly string[];

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = typeof value === 'string' ? value : value.join('; ');
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function csvLine(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
