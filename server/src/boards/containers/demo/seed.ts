import type { Client } from '@elastic/elasticsearch';
import type { Config } from '../../../core/config.ts';
import type { BoardDemo, SeedContext, SeedReport } from '../../../core/board.ts';
import { hasDocuments } from '../../../es/request-basics.ts';
import { writeDocuments } from '../../../es/bulk-writer.ts';
import { asJsonItems, ingestEcsEvents } from '../ingest/ingest-events.ts';
import { generateContainersDemo } from './generate.ts';

/**
 * Demo data the way real data arrives: the ECS Task State Change events go through
 * `ingestEcsEvents`, the code behind `POST /api/ingest/ecs-events` (validation, classification,
 * `_id` = taskArn:version); the container logs are written as fluent-plugin-elasticsearch writes
 * them, with one difference: a deterministic `_id` per line, so a second seed run adds nothing.
 * Index templates are installed beforehand by `lookout setup` (board.indexTemplates).
 */
export async function seedContainers(context: SeedContext): Promise<SeedReport> {
  const { client, config, options, progress } = context;
  const demo = generateContainersDemo(options);

  progress.start('Writing demo ECS task state changes', undefined, 'events');
  const events = await ingestEcsEvents(client, config.containers.eventsIndex, asJsonItems(demo.events()), {
    refresh: true,
    onProgress: (handled) => progress.update(handled),
  });
  progress.done(
    `${events.indexed.toLocaleString('en-US')} events of ${demo.tasks.length.toLocaleString('en-US')} tasks, ` +
      `${events.alreadyPresent.toLocaleString('en-US')} already present`,
  );
  for (const rejected of events.rejected.slice(0, 10)) {
    progress.log(`  rejected event ${rejected.id ?? `#${rejected.position}`}: ${rejected.reason}`);
  }

  progress.start('Writing demo container logs (fluentd documents)', undefined, 'lines');
  const logs = await writeDocuments(client, demo.logs(config.containers.logsIndexPattern), {
    refresh: true,
    onProgress: (handled) => progress.update(handled),
  });
  progress.done(
    `${logs.indexed.toLocaleString('en-US')} lines, ${logs.alreadyPresent.toLocaleString('en-US')} already present`,
  );
  for (const rejected of logs.rejected.slice(0, 10)) {
    progress.log(`  rejected log line ${rejected.index}/${rejected.id}: ${rejected.reason}`);
  }

  return {
    indexed: events.indexed + logs.indexed,
    alreadyPresent: events.alreadyPresent + logs.alreadyPresent,
    rejected: events.rejected.length + logs.rejected.length,
  };
}

/**
 * True when the cluster holds ECS events or any container log. Logs count too: on a cluster whose
 * fluentd already writes `logstash-*`, the demo must never add made-up lines next to real ones.
 */
export const containersHaveData = (client: Client, config: Config): Promise<boolean> =>
  hasDocuments(client, [config.containers.eventsIndex, config.containers.logsIndexPattern]);

/** What the board's `demo` loads on first use (board.ts). */
export const demo: BoardDemo = { hasData: containersHaveData, seed: seedContainers };
