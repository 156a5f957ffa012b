import { terminalProgress } from '../core/progress.ts';
import { isInstanceName, type InstanceName } from '../es/local/engine-home.ts';
import { engineStatus, startEngine, stopEngine } from '../es/local/launcher.ts';
import { UsageError } from './usage-error.ts';

function instanceOf(value: string | undefined): InstanceName {
  const name = value ?? 'dev';
  if (!isInstanceName(name)) {
    throw new UsageError(
      `--instance: expected a name of lower-case letters, digits and dashes, got "${name}"`,
    );
  }
  return name;
}

function portOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1024 || port > 65535) {
    throw new UsageError(`--port: expected a port between 1024 and 65535, got "${value}"`);
  }
  return port;
}

/** `lookout es start|stop|status [NAME | --instance NAME] [--engine ID] [--port N] [--fresh]` */
export async function esCommand(
  args: string[],
  flags: { instance?: string; fresh?: boolean; engine?: string; port?: string },
): Promise<number> {
  // `es start test` reads as "start the test engine": take a lone name as the instance rather
  // than silently starting `dev` (which another shell may be using).
  const [action, named, ...extra] = args;
  if (extra.length > 0 || (named !== undefined && flags.instance !== undefined)) {
    throw new UsageError(`es ${action ?? ''}: unexpected "${[named, ...extra].join(' ')}"`);
  }
  const instance = instanceOf(flags.instance ?? named);
  const port = portOf(flags.port);
  const progress = terminalProgress();
  switch (action) {
    case 'start': {
      const started = await startEngine(instance, progress, {
        fresh: flags.fresh,
        engine: flags.engine,
        port,
      });
      console.log(
        `${started.engine ?? 'The engine'} is ${started.clusterStatus} at ${started.url} (data: ${started.dataDir})`,
      );
      return 0;
    }
    case 'stop': {
      const stopped = await stopEngine(instance, progress);
      console.log(stopped ? `Engine (${instance}) stopped.` : `Engine (${instance}) was not running.`);
      return 0;
    }
    case 'status': {
      const status = await engineStatus(instance, port);
      if (!status.running) {
        console.log(`Engine (${instance}) is not running at ${status.url}.`);
        return 1;
      }
      console.log(
        `${status.engine ?? 'Engine (version unknown)'} at ${status.url}: cluster ${status.clusterStatus}` +
          `${status.pid ? `, pid ${status.pid}` : ' (not started by Lookout)'}, data ${status.dataDir}`,
      );
      return 0;
    }
    default:
      throw new UsageError(`es: expected start, stop or status, got "${action ?? ''}"`);
  }
}
