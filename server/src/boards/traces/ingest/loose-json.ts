/** Producers' JSON read without trusting its shape: a wrong type reads as absent, never throws. */
export type Loose = Record<string, unknown>;

export function asObject(value: unknown): Loose | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : undefined;
}

export function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
