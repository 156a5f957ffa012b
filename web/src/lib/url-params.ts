// Readers and a writer for board filters kept in the query string: lists are repeated parameters
// (`?account=a&account=b`), blanks and duplicates are dropped, so a hand-edited link still works.

/** Every non-blank value of a repeated parameter, trimmed, first occurrence first. */
export function readList(params: URLSearchParams, name: string): string[] {
  const seen = new Set<string>();
  for (const value of params.getAll(name)) {
    const trimmed = value.trim();
    if (trimmed) seen.add(trimmed);
  }
  return [...seen];
}

/** The parameter's first value, trimmed; undefined when missing or blank. */
export function readSingle(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name)?.trim();
  return value ? value : undefined;
}

/** Replaces a repeated parameter with `values`, trimmed, without blanks or repeats. */
export function writeList(params: URLSearchParams, name: string, values: readonly string[]): void {
  params.delete(name);
  for (const value of new Set(values.map((v) => v.trim()))) if (value) params.append(name, value);
}
