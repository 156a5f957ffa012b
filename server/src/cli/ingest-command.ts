import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../app/config.ts';
import { terminalProgress } from '../core/progress.ts';
import { createEsWriter } from '../es/client.ts';
import { installIndexTemplates } from '../es/templates.ts';
import { cloudtrailIndexTemplate } from '../boards/cloudtrail/mapping.ts';
import { formatIngestReport, ingestCloudTrail } from '../boards/cloudtrail/ingest/ingest-cloudtrail.ts';
import { imagesIndexTemplate } from '../boards/images/mapping.ts';
import { formatImagesIngestReport, ingestImages } from '../boards/images/ingest/ingest-images.ts';
import { UsageError } from './usage-error.ts';
import { ingestEcsEventsCommand } from './ingest-ecs-command.ts';
import { ingestTracesCommand } from './ingest-traces-command.ts';

/** For the CLI usage text. */
export const INGEST_USAGE = `  ingest cloudtrail <file|dir>...
                        read CloudTrail log files (.json.gz / .json, as delivered to S3; directories
                        are walked) into Elasticsearch; index prefix from CLOUDTRAIL_INDEX_PREFIX (ct-)
  ingest images <ndjson>... [--vision-batch <file> --ids <file>]
                        read hotel images, one a line with its Vision AnnotateImageResponse (.ndjson or
                        .ndjson.gz), optionally with a Vision batch response and its id list in request
                        order; index IMAGES_INDEX (lookout-images), re-ingesting an image updates it
  ingest ecs-events <file>...
                        read ECS Task State Change events (one JSON event, a JSON array or NDJSON;
                        .gz too) into ECS_EVENTS_INDEX (lookout-ecs-events); _id = taskArn:version
  ingest traces <file|dir>...
                        read OTLP JSON (one request per file or per line), Zipkin v2 JSON arrays and
                        Jaeger JSON (UI download, /api/traces); .gz too; directories are walked;
                        daily indices <TRACES_INDEX_PREFIX>-YYYY.MM.DD (lookout-spans)`;

/** Options of `ingest images`, from the main parser or given after `--`. */
export interface IngestFlags {
  'vision-batch'?: string;
  ids?: string;
}

/**
 * `lookout ingest cloudtrail <file|dir>...`: installs the template, ingests, prints the counts and
 * every rejection. Exit code 1 when anything was rejected (or nothing was found), 0 otherwise.
 */
export async function ingestCommand(args: string[], flags: IngestFlags = {}): Promise<number> {
  const [source, ...paths] = args;
  if (source === undefined) {
    throw new UsageError('ingest: which source? (ingest cloudtrail|images|ecs-events|traces <file>...)');
  }
  if (source === 'images') return ingestImagesCommand(paths, flags);
  if (source === 'ecs-events') return ingestEcsEventsCommand(paths);
  if (source === 'traces') return ingestTracesCommand(paths);
  if (source !== 'cloudtrail') {
    throw new UsageError(
      `ingest: unknown source "${source}" (known: cloudtrail, images, ecs-events, traces)`,
    );
  }
  if (paths.length === 0) throw new UsageError('ingest cloudtrail: give at least one file or directory');
  const missing = paths.filter((given) => !existsSync(given));
  if (missing.length > 0) {
    console.error(`ingest cloudtrail: no such file or directory: ${missing.join(', ')}`);
    return 2;
  }

  const config = loadConfig();
  const { indexPrefix } = config.cloudtrail;
  const client = createEsWriter(config.es);
  try {
    await installIndexTemplates(client, [cloudtrailIndexTemplate(indexPrefix)]);
    // Read-your-writes: searchable once the command says it is done (docs/serving.md).
    const report = await ingestCloudTrail(client, paths, {
      indexPrefix,
      progress: terminalProgress(),
      refresh: true,
    });
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

/**
 * `lookout ingest images <ndjson>... [--vision-batch <file> --ids <file>]`: installs the template,
 * ingests, prints the counts and every rejection (file:line and reason). Exit code 1 when anything
 * was rejected, 0 otherwise.
 */
async function ingestImagesCommand(args: string[], flags: IngestFlags): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: { 'vision-batch': { type: 'string' }, ids: { type: 'string' } },
    });
  } catch (error) {
    throw new UsageError(`ingest images: ${error instanceof Error ? error.message : String(error)}`);
  }
  const files = parsed.positionals;
  const batchFile = parsed.values['vision-batch'] ?? flags['vision-batch'];
  const idsFile = parsed.values.ids ?? flags.ids;
  if (files.length === 0) throw new UsageError('ingest images: give at least one NDJSON file');
  if ((batchFile === undefined) !== (idsFile === undefined)) {
    throw new UsageError(
      'ingest images: --vision-batch and --ids go together (responses carry no image ids)',
    );
  }
  const given = [...files, ...(batchFile ? [batchFile] : []), ...(idsFile ? [idsFile] : [])];
  const missing = given.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    console.error(`ingest images: no such file: ${missing.join(', ')}`);
    return 2;
  }

  const config = loadConfig();
  const { index, minScore } = config.images;
  const client = createEsWriter(config.es);
  try {
    await installIndexTemplates(client, [imagesIndexTemplate(index)]);
    const report = await ingestImages(client, files, {
      index,
      minScore,
      progress: terminalProgress(),
      refresh: true,
      ...(batchFile && idsFile ? { visionBatch: { batchFile, idsFile } } : {}),
    });
    for (const line of formatImagesIngestReport(report)) console.log(line);
    return report.rejected.length > 0 ? 1 : 0;
  } finally {
    await client.close();
  }
}
