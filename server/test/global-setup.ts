import { silentProgress, terminalProgress } from '../src/core/progress.ts';
import { startEngine, stopEngine } from '../src/es/local/launcher.ts';
import { INSTANCES } from '../src/es/local/engine-home.ts';

/**
 * Integration tests run against a real Elasticsearch: the one in ES_URL (as `npm test` sets it),
 * else the local `test` instance, started fresh here and stopped afterwards.
 */
export default async function setup(): Promise<(() => Promise<void>) | void> {
  if (process.env.ES_URL) return;
  const engine = await startEngine('test', terminalProgress(), { fresh: true });
  process.env.ES_URL = `http://127.0.0.1:${INSTANCES.test.port}`;
  return async () => {
    if (engine.startedNow) await stopEngine('test', silentProgress);
  };
}
