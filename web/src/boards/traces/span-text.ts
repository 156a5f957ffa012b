// Small pure helpers for showing spans: durations in the unit a person reads, a stable colour per
// service, and the text that "search within the trace" matches.

/** 0.25 → `250 ns`, 1234 → `1.23 ms`, 61_000_000 → `61.0 s`. */
export function formatDurationUs(us: number): string {
  if (!Number.isFinite(us)) return '—';
  if (us === 0) return '0';
  if (us < 1) return `${Math.round(us * 1000)} ns`;
  if (us < 1000) return `${trim(us)} µs`;
  if (us < 1_000_000) return `${trim(us / 1000)} ms`;
  return `${trim(us / 1_000_000)} s`;
}

function trim(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

/** A hue per service name, the same on every page and every load. */
export function serviceHue(service: string): number {
  let hash = 0;
  for (let i = 0; i < service.length; i++) hash = (hash * 31 + service.charCodeAt(i)) | 0;
  return Math.abs(hash) % 360;
}

export interface SearchableSpan {
  spanId: string;
  service: string;
  name: string;
  attributes?: Record<string, unknown> | null;
  status?: { message: string | null };
}

/**
 * Does the span match what was typed in "search within the trace"? Case-insensitive, against the
 * service, the name, the span id (from its start), the status message and each attribute as
 * `key=value`.
 */
export function spanMatches(span: SearchableSpan, needle: string): boolean {
  if (!needle) return false;
  const lower = needle.toLowerCase();
  if (span.name.toLowerCase().includes(lower)) return true;
  if (span.service.toLowerCase().includes(lower)) return true;
  if (span.spanId.startsWith(lower)) return true;
  if (span.status?.message?.toLowerCase().includes(lower)) return true;
  for (const [key, value] of Object.entries(span.attributes ?? {})) {
    if (`${key}=${String(value)}`.toLowerCase().includes(lower)) return true;
  }
  return false;
}
