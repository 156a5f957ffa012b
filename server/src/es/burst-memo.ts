/**
 * Shares one engine call among everyone who asks for the same thing within a few seconds: the
 * identical concurrent requests of one page load (and of ten people opening the same board) reach
 * the engine once. A failed call is not kept, so the next caller tries again.
 */
export function createBurstMemo(ttlMs: number, now: () => number = Date.now) {
  const entries = new Map<string, { at: number; value: Promise<unknown> }>();
  return function memo<T>(key: string, load: () => Promise<T>): Promise<T> {
    const at = now();
    for (const [old, entry] of entries) if (at - entry.at >= ttlMs) entries.delete(old);
    const cached = entries.get(key);
    if (cached) return cached.value as Promise<T>;
    const value = load();
    entries.set(key, { at, value });
    value.catch(() => entries.delete(key));
    return value;
  };
}

export type BurstMemo = ReturnType<typeof createBurstMemo>;
