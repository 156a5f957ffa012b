import { loadConfig } from '../app/config.ts';
import { terminalProgress } from '../core/progress.ts';
import { createEsWriter } from '../es/client.ts';
import { reindexImages } from '../boards/images/ingest/reindex-images.ts';
import { UsageError } from './usage-error.ts';

export const IMAGES_USAGE = `  images reindex        rewrite stored images whose index predates the current image mapping
                        (\`setup\` names them), in place, with progress`;

/** `lookout images reindex` */
export async function imagesCommand(args: string[]): Promise<number> {
  if (args[0] !== 'reindex') throw new UsageError(`images: expected "reindex", got "${args[0] ?? ''}"`);
  const config = loadConfig();
  const client = createEsWriter(config.es);
  try {
    const report = await reindexImages(client, {
      index: config.images.index,
      minScore: config.images.minScore,
      progress: terminalProgress(),
    });
    if (report.indices.length === 0) console.log(`${config.images.index}: every image index is up to date.`);
    for (const rejected of report.rejected.slice(0, 50)) {
      console.error(`  ${rejected.index} ${rejected.imageId}: ${rejected.reason}`);
    }
    return report.rejected.length > 0 ? 1 : 0;
  } finally {
    await client.close();
  }
}
