import type { FastifyBaseLogger } from 'fastify';

/**
 * A background job of the BFF (alert watchers, the retention schedule): one round at a time, the
 * next scheduled when the last ends, a failed round logged and retried at the next one, and a
 * `stop` that waits for the round in progress so the app closes cleanly.
 */
export function createPeriodicJob<T>(options: {
  /** Milliseconds until the next round, asked again after every round. */
  delayMs: () => number;
  round: () => Promise<T>;
  /** Called with each round's result (to log what it did). */
  done?: (result: T) => void;
  log: FastifyBaseLogger;
  name: string;
}) {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = false;
  function schedule(): void {
    if (stopped) return;
    timer = setTimeout(() => {
      running = options
        .round()
        .then((result) => options.done?.(result))
        .catch((error: unknown) => options.log.error({ err: error }, `${options.name} round failed`))
        .finally(schedule);
    }, options.delayMs());
    timer.unref();
  }
  return {
    start(): void {
      stopped = false;
      schedule();
    },
    async stop(): Promise<void> {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
