import { existsSync } from 'node:fs';
import { loadConfig } from '../core/config.ts';
import { terminalProgress } from '../core/progress.ts';
import { createEsClient } from '../es/client.ts';
import { installIndexTemplates } from '../es/templates.ts';
import { cloudtrailIndexTemplate } from '../boards/cloudtrail/mapping.ts';
import { formatIngestReport, ingestCloudTrail } from '../boards/cloudtrail/ingest/ingest-cloudtrail.ts';
import { UsageError } from './usage-error.ts';

/** For the CLI usage text. */
export const INGEST_USAGE = `  ingest cloudtrail <file|dir>...
                        read CloudTrail log files (.json.gz / .json, as delivered to S3; directories
                        are walked) into Elasticsearch; index prefix from CLOUDTRAIL_INDEX_PREFIX (ct-)`;

/**
 * `lookout ingest cloudtrail <file|dir>...`: installs the template, ingests, prints the counts and
 * every rejection. Exit code 1 when anything was rejected (or nothing was found), 0 otherwise.
 */
export async function ingestCommand(args: string[]): Promise<number> {
  const [source, ...paths] = args;
  if (source === undefined) throw new UsageError('ingest: which source? (ingest cloudtrail <file|dir>...)');
  if (source !== 'cloudtrail') throw new UsageError(`ingest: unknown source "${source}" (known: cloudtrail)`);
  if (paths.length === 0) throw new UsageError('ingest cloudtrail: give at least one file or directory');
  const missing = paths.filter((given) => !existsSync(given));
  if (missing.length > 0) {
    console.error(`ingest cloudtrail: no such file or directory: ${missing.join(', ')}`);
    return 2;
  }

  const config = loadConfig();
  const { indexPrefix } = config.cloudtrail;
  const client = createEsClient(config.es);
  try {
    await installIndexTemplates(client, [cloudtrailIndexTemplate(indexPrefix)]);
    const report = await ingestCloudTrail(client, paths, { indexPrefix, progress: terminalProgress() });
    if (report.files === 0) {
      console.error(`No CloudTrail log files (*.json.gz, *.json) found in: ${paths.join(', ')}`);
      return 1;
    }
    for (const line of formatIngestReport(report)) console.log(line);
    return report.rejected.length > 0 ? 1 : 0;
  } finally {
    await client.close();
  }
}
