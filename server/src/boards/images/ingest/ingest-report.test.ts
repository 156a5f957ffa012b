import { describe, expect, it } from 'vitest';
import {
  describeImagesRejection,
  formatImagesIngestReport,
  summarizeImagesIngest,
  type ImagesIngestReport,
} from './ingest-images.ts';

function report(overrides: Partial<ImagesIngestReport> = {}): ImagesIngestReport {
  return { files: 2, lines: 1_204, indexed: 1_200, visionErrors: 3, rejected: [], ...overrides };
}

describe('the images ingest report', () => {
  it('sums up files, lines and what happened to them', () => {
    const rejected = Array.from({ length: 4 }, (_, n) => ({ file: 'a.ndjson', line: n + 1, reason: 'x' }));
    expect(summarizeImagesIngest(report({ rejected }))).toBe(
      '2 files, 1,204 lines: 1,200 images indexed (new or updated), 3 with a Vision error, 4 rejected',
    );
    expect(summarizeImagesIngest(report({ files: 1, lines: 1, indexed: 1, visionErrors: 0 }))).toBe(
      '1 file, 1 line: 1 image indexed (new or updated), 0 with a Vision error, 0 rejected',
    );
  });

  it('names a rejected line by file:line, a batch entry by position, a whole file by name', () => {
    expect(
      describeImagesRejection({ file: 'hotels.ndjson', line: 7, reason: 'not JSON: Unexpected end' }),
    ).toBe('hotels.ndjson:7: not JSON: Unexpected end');
    expect(
      describeImagesRejection({ file: 'hotels.ndjson', line: 9, imageId: 'img-9', reason: 'width …' }),
    ).toBe('hotels.ndjson:9 (img-9): width …');
    expect(
      describeImagesRejection({ file: 'batch.json', position: 3, imageId: 'b-4', reason: 'no line' }),
    ).toBe('batch.json#3 (b-4): no line');
    expect(describeImagesRejection({ file: 'batch.json', reason: 'counts differ' })).toBe(
      'batch.json: counts differ',
    );
  });

  it('lists at most 50 rejections and says how many more there are', () => {
    const rejected = Array.from({ length: 52 }, (_, n) => ({
      file: 'a.ndjson',
      line: n + 1,
      reason: 'no image id',
    }));
    const lines = formatImagesIngestReport(report({ rejected }));
    expect(lines).toHaveLength(52);
    expect(lines.at(-1)).toBe('  … and 2 more');
  });
});
