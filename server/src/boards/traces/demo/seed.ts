import type { Client } from '@elastic/elasticsearch';
import type { BoardDemo, SeedContext, SeedReport } from '../../../core/board.ts';
import type { Config } from '../../../core/config.ts';
import { writeDocuments, type BulkDocument } from '../../../es/bulk-writer.ts';
import { hasDocuments } from '../../../es/request-basics.ts';
import { spanIndexPattern } from '../mapping.ts';
import { generateDemoTraces } from './generate-spans.ts';
import { spanBulkDocument } from './span-document.ts';

/**
 * Demo spans written in bulk as stored span documents (`parent_service` set, as ingest sets it
 * once the parent is known), into the daily indices by start; `_id` = `<traceId>-<spanId>`, so
 * seeding twice adds nothing. The index template is installed beforehand by `lookout setup`.
 */
export async function seedTraces(context: SeedContext): Promise<SeedReport> {
  const { client, config, options, progress } = context;
  const prefix = config.traces.indexPrefix;
  progress.start('Writing demo spans', undefined, 'spans');
  const documents = function* (): Generator<BulkDocument> {
    for (const trace of generateDemoTraces(options)) {
      for (const span of trace) yield spanBulkDocument(prefix, span);
    }
  };
  const result = await writeDocuments(client, documents(), {
    refresh: true,
    onProgress: (handled) => progress.update(handled),
  });
  progress.done(`${result.indexed.toLocaleString('en-US')} spans, ${result.alreadyPresent} already present`);
  for (const rejected of result.rejected.slice(0, 10))
    progress.log(`  rejected ${rejected.id}: ${rejected.reason}`);
  return { indexed: result.indexed, alreadyPresent: result.alreadyPresent, rejected: result.rejected.length };
}

/** True when any span is stored. */
export const tracesHaveData = (client: Client, config: Config): Promise<boolean> =>
  hasDocuments(client, [spanIndexPattern(config)]);

/** What the board's `demo` loads on first use (board.ts). */
export const demo: BoardDemo = { hasData: tracesHaveData, seed: seedTraces };
