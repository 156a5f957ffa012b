import { existsSync } from 'node:fs';
import { loadConfig } from '../app/config.ts';
import { terminalProgress } from '../core/progress.ts';
import { createEsWriter } from '../es/client.ts';
import { installIndexTemplates } from '../es/templates.ts';
import { spanIndexTemplate } from '../boards/traces/mapping.ts';
import { formatTraceIngestReport, ingestTraceFiles } from '../boards/traces/ingest/ingest-trace-files.ts';
import { UsageError } from './usage-error.ts';

/**
 * `lookout ingest traces <file|dir>…`: installs the span template, ingests, prints the counts and
 * every rejection (file:line and reason). Exit 1 when anything was rejected or no span was found.
 */
export async function ingestTracesCommand(paths: string[]): Promise<number> {
  if (paths.length === 0) throw new UsageError('ingest traces: give at least one file or directory');
  const missing = paths.filter((given) => !existsSync(given));
  if (missing.length > 0) {
    console.error(`ingest traces: no such file or directory: ${missing.join(', ')}`);
    return 2;
  }
  const config = loadConfig();
  const client = createEsWriter(config.es);
  try {
    await installIndexTemplates(client, [spanIndexTemplate(config)]);
    const report = await ingestTraceFiles(client, paths, {
      indexPrefix: config.traces.indexPrefix,
      progress: terminalProgress(),
    });
    for (const line of formatTraceIngestReport(report)) console.log(line);
    return report.rejected.length > 0 || report.spans === 0 ? 1 : 0;
  } finally {
    await client.close();
  }
}
