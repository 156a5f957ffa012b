import { loadConfig } from '../app/config.ts';
import { createEsWriter } from '../es/client.ts';
import { installIndexTemplates } from '../es/templates.ts';
import { ecsEventsIndexTemplate } from '../boards/containers/mapping.ts';
import { ingestEcsEvents } from '../boards/containers/ingest/ingest-events.ts';
import { readJsonFile } from '../core/json-file.ts';
import { UsageError } from './usage-error.ts';

/**
 * `lookout ingest ecs-events <file>...`: ECS Task State Change events from files (one event,
 * pretty-printed or not, a JSON array, or NDJSON; `.gz` too — told apart by parsing, see
 * core/json-values.ts), stored exactly as `POST /api/ingest/ecs-events` stores them.
 * Prints counts and every rejection as file and position; exit 1 when anything was rejected.
 */
export async function ingestEcsEventsCommand(paths: string[]): Promise<number> {
  if (paths.length === 0) throw new UsageError('ingest ecs-events: give at least one file');
  const config = loadConfig();
  const index = config.containers.eventsIndex;
  const client = createEsWriter(config.es);
  let failed = false;
  try {
    await installIndexTemplates(client, [ecsEventsIndexTemplate(index)]);
    for (const file of paths) {
      let report;
      try {
        report = await ingestEcsEvents(client, index, await collect(readJsonFile(file)), { refresh: true });
      } catch (error) {
        console.error(`${file}: cannot read: ${(error as Error).message}`);
        failed = true;
        continue;
      }
      console.log(
        `${file}: ${report.received} events, ${report.indexed} indexed, ${report.alreadyPresent} already present, ` +
          `${report.rejected.length} rejected`,
      );
      for (const rejected of report.rejected) {
        console.log(
          `  rejected ${file} #${rejected.position + 1}${rejected.id ? ` (${rejected.id})` : ''}: ${rejected.reason}`,
        );
      }
      if (report.rejected.length > 0 || report.received === 0) failed = true;
    }
    return failed ? 1 : 0;
  } finally {
    await client.close();
  }
}

/** ECS event files are small (an event is a few KB): read one whole, then write it. */
async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
