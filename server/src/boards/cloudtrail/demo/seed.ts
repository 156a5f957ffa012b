import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import type { Config } from '../../../core/config.ts';
import type { BoardDemo, SeedContext, SeedReport } from '../../../core/board.ts';
import { hasDocuments } from '../../../es/request-basics.ts';
import { ingestCloudTrail, describeRejection } from '../ingest/ingest-cloudtrail.ts';
import { cloudtrailIndexPattern } from '../mapping.ts';
import { generateCloudTrailLogs } from './generate-logs.ts';

/**
 * Demo data the way real data arrives: writes CloudTrail log files (S3 layout, gzipped) into a
 * temporary directory, then reads them with the same ingestion as `lookout ingest cloudtrail`.
 */
export async function seedCloudTrail(context: SeedContext): Promise<SeedReport> {
  const { client, options, progress } = context;
  const { indexPrefix } = context.config.cloudtrail;
  const dir = await mkdtemp(path.join(tmpdir(), 'lookout-cloudtrail-'));
  try {
    progress.start('Writing demo CloudTrail log files', undefined, 'events');
    let lastUpdate = 0;
    const generated = await generateCloudTrailLogs({
      dir,
      days: options.days,
      scale: options.scale,
      seed: options.seed,
      now: options.now,
      onFile: (_files, records) => {
        // One redraw per 100 ms, not one per file (thousands of them).
        if (Date.now() - lastUpdate < 100) return;
        lastUpdate = Date.now();
        progress.update(records);
      },
    });
    progress.done(
      `${generated.files.toLocaleString('en-US')} files, ${generated.records.toLocaleString('en-US')} events`,
    );
    const report = await ingestCloudTrail(client, [dir], { indexPrefix, progress, refresh: true });
    for (const rejection of report.rejected.slice(0, 10)) {
      progress.log(`  rejected ${describeRejection(rejection).replace(dir + path.sep, '')}`);
    }
    return {
      indexed: report.indexed,
      alreadyPresent: report.alreadyPresent,
      rejected: report.rejected.length,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** True when any CloudTrail document exists. */
export const cloudtrailHasData = (client: Client, config: Config): Promise<boolean> =>
  hasDocuments(client, [cloudtrailIndexPattern(config.cloudtrail.indexPrefix)]);

/** What the board's `demo` loads on first use (board.ts). */
export const demo: BoardDemo = { hasData: cloudtrailHasData, seed: seedCloudTrail };
