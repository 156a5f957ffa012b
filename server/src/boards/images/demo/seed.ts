import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client } from '@elastic/elasticsearch';
import type { Config } from '../../../core/config.ts';
import type { BoardDemo, SeedContext, SeedReport } from '../../../core/board.ts';
import { hasDocuments } from '../../../es/request-basics.ts';
import { describeImagesRejection, ingestImages } from '../ingest/ingest-images.ts';
import { generateImages } from './generate-images.ts';

/**
 * Demo data the way real data arrives: writes NDJSON image files with Vision responses into a
 * temporary directory, then reads them with the same ingestion as `lookout ingest images`.
 */
export async function seedImages(context: SeedContext): Promise<SeedReport> {
  const { client, options, progress } = context;
  const { index, minScore } = context.config.images;
  const dir = await mkdtemp(path.join(tmpdir(), 'lookout-images-'));
  try {
    progress.start('Writing demo image metadata', undefined, 'images');
    const generated = await generateImages({
      dir,
      scale: options.scale,
      seed: options.seed,
      onFile: (images) => progress.update(images),
    });
    progress.done(
      `${generated.images.toLocaleString('en-US')} images of ${generated.hotels.toLocaleString('en-US')} hotels ` +
        `in ${generated.files.length} files`,
    );
    const report = await ingestImages(client, generated.files, {
      index,
      minScore,
      progress,
      now: options.now,
      refresh: true,
    });
    for (const rejection of report.rejected.slice(0, 10)) {
      progress.log(`  rejected ${describeImagesRejection(rejection).replace(dir + path.sep, '')}`);
    }
    return { indexed: report.indexed, alreadyPresent: 0, rejected: report.rejected.length };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** True when any image is stored. */
export const imagesHaveData = (client: Client, config: Config): Promise<boolean> =>
  hasDocuments(client, [config.images.index]);

/** What the board's `demo` loads on first use (board.ts). */
export const demo: BoardDemo = { hasData: imagesHaveData, seed: seedImages };
