// The engine a test script talks to: ES_URL when set (npm test passes its own), else the local
// `test` engine, started if needed and stopped afterwards only when this script started it.
import { startEngine, stopEngine } from '../server/src/es/local/launcher.ts';
import { INSTANCES } from '../server/src/es/local/engine-home.ts';
import { terminalProgress } from '../server/src/core/progress.ts';

export interface ScriptEngine {
  url: string;
  /** Stops the engine when this script started it; otherwise does nothing. */
  release(): Promise<void>;
}

export async function engineForScript(): Promise<ScriptEngine> {
  const given = process.env.ES_URL;
  if (given) return { url: given, release: async () => undefined };
  const engine = await startEngine('test', terminalProgress(process.stdout));
  return {
    url: `http://127.0.0.1:${INSTANCES.test.port}`,
    release: async () => {
      if (engine.startedNow) await stopEngine('test', terminalProgress(process.stdout));
    },
  };
}
