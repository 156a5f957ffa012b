import { readFile } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { loadConfig } from '../app/config.ts';
import { createEsWriter } from '../es/client.ts';
import { installIndexTemplates } from '../es/templates.ts';
import { ecsEventsIndexTemplate } from '../boards/containers/mapping.ts';
import { ingestEcsEvents, parseEcsEventsBody } from '../boards/containers/ingest/ingest-events.ts';
import { UsageError } from './usage-error.ts';

/**
 * `lookout ingest ecs-events <file>...`: ECS Task State Change events from files (one event, a
 * JSON array, or NDJSON; `.gz` too), stored exactly as `POST /api/ingest/ecs-events` stores them.
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
      let text: string;
      try {
        const raw = await readFile(file);
        text = (file.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8');
      } catch (error) {
        console.error(`${file}: cannot read: ${(error as Error).message}`);
        failed = true;
        continue;
      }
      const report = await ingestEcsEvents(client, index, parseEcsEventsBody(text), { refresh: true });
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
