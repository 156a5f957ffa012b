import { useEffect, useSyncExternalStore } from 'react';

// One slot, on purpose: when Elasticsearch goes away every panel's refetch fails at the same
// moment, and one message says that better than a stack of ten.

interface Toast {
  id: number;
  message: string;
}

let current: Toast | null = null;
let nextId = 1;
const listeners = new Set<() => void>();

function emit() {
  for (const listener of listeners) listener();
}

export function showToast(message: string): void {
  current = { id: nextId++, message };
  emit();
}

export function dismissToast(): void {
  current = null;
  emit();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

const VISIBLE_MS = 10_000;

export function Toaster() {
  const toast = useSyncExternalStore(subscribe, () => current);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(dismissToast, VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [toast]);

  // The live region stays mounted so screen readers announce the message when it appears.
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast && (
        <div className="toast" key={toast.id}>
          <span>{toast.message}</span>
          <button type="button" className="toast-close" onClick={dismissToast} aria-label="Dismiss">
            ×
          </button>
        </div>
      )}
    </div>
  );
}
