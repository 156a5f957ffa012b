import { createContext, use, useSyncExternalStore } from 'react';

// The "now" that relative ranges resolve against. It is held in one store and moves only when
// the app says so (a navigation, an auto-refresh tick), so every panel and the header resolve
// `now-24h` to the same instant and renders never read the clock.

export interface NowStore {
  getNow(): Date;
  advance(now: Date): void;
  subscribe(listener: () => void): () => void;
}

export function createNowStore(initial: Date): NowStore {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    getNow: () => current,
    advance(now) {
      current = now;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export const NowContext = createContext<NowStore | null>(null);

export function useNowStore(): NowStore {
  const store = use(NowContext);
  if (!store) throw new Error('useNow needs a <NowContext value={createNowStore(…)}> above it');
  return store;
}

export function useNow(): Date {
  const store = useNowStore();
  return useSyncExternalStore(store.subscribe, store.getNow);
}
