import { terminalProgress } from '../core/progress.ts';
import { isInstanceName, type InstanceName } from '../es/local/engine-home.ts';
import { engineStatus, startEngine, stopEngine } from '../es/local/launcher.ts';
import { UsageError } from './usage-error.ts';

function instanceOf(value: string | undefined): InstanceName {
  const name = value ?? 'dev';
  if (!isInstanceName(name)) throw new UsageError(`--instance: expected dev or test, got "${name}"`);
  return name;
}

/** `lookout es start|stop|status [--instance dev|test] [--fresh]` */
export async function esCommand(
  args: string[],
  flags: { instance?: string; fresh?: boolean },
): Promise<number> {
  const instance = instanceOf(flags.instance);
  const progress = terminalProgress();
  switch (args[0]) {
    case 'start': {
      const started = await startEngine(instance, progress, { fresh: flags.fresh });
      console.log(
        `Elasticsearch ${started.version ?? ''} is ${started.clusterStatus} at ${started.url} (data: ${started.dataDir})`,
      );
      return 0;
    }
    case 'stop': {
      const stopped = await stopEngine(instance, progress);
      console.log(
        stopped ? `Elasticsearch (${instance}) stopped.` : `Elasticsearch (${instance}) was not running.`,
      );
      return 0;
    }
    case 'status': {
      const status = await engineStatus(instance);
      if (!status.running) {
        console.log(`Elasticsearch (${instance}) is not running at ${status.url}.`);
        return 1;
      }
      console.log(
        `Elasticsearch ${status.version ?? '(version unknown)'} at ${status.url}: cluster ${status.clusterStatus}` +
          `${status.pid ? `, pid ${status.pid}` : ' (not started by Lookout)'}, data ${status.dataDir}`,
      );
      return 0;
    }
    default:
      throw new UsageError(`es: expected start, stop or status, got "${args[0] ?? ''}"`);
  }
}
