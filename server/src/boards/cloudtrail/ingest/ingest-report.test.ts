import { describe, expect, it } from 'vitest';
import {
  describeRejection,
  formatIngestReport,
  summarizeIngest,
  type IngestReport,
} from './ingest-cloudtrail.ts';

const FILE =
  'AWSLogs/111122223333/CloudTrail/us-east-1/2026/11/26/111122223333_CloudTrail_us-east-1_20261126T1045Z_AbCdEf0123456789.json.gz';

function report(overrides: Partial<IngestReport> = {}): IngestReport {
  return { files: 12, records: 4_210, indexed: 4_200, alreadyPresent: 5, rejected: [], ...overrides };
}

describe('the ingest report', () => {
  it('sums up files, records and what happened to them', () => {
    const rejected = Array.from({ length: 5 }, (_, n) => ({
      file: FILE,
      record: n,
      eventID: `id-${n}`,
      reason: 'x',
    }));
    expect(summarizeIngest(report({ rejected }))).toBe(
      '12 files, 4,210 records: 4,200 indexed, 5 already present, 5 rejected',
    );
    expect(summarizeIngest(report({ files: 1, records: 1, indexed: 1, alreadyPresent: 0 }))).toBe(
      '1 file, 1 record: 1 indexed, 0 already present, 0 rejected',
    );
  });

  it('names a rejected record by file, position and eventID, and a rejected file by name', () => {
    expect(
      describeRejection({ file: FILE, record: 3, eventID: 'abc', reason: 'mapper_parsing_exception: …' }),
    ).toBe(`${FILE}#3 (abc): mapper_parsing_exception: …`);
    expect(describeRejection({ file: FILE, record: 7, reason: 'no eventID' })).toBe(`${FILE}#7: no eventID`);
    expect(describeRejection({ file: FILE, reason: 'truncated gzip: unexpected end of file' })).toBe(
      `${FILE}: truncated gzip: unexpected end of file`,
    );
  });

  it('lists at most 50 rejections and says how many more there are', () => {
    const rejected = Array.from({ length: 53 }, (_, n) => ({ file: FILE, record: n, reason: 'no eventID' }));
    const lines = formatIngestReport(report({ rejected }));
    expect(lines).toHaveLength(1 + 50 + 1);
    expect(lines[50]).toBe(`  ${FILE}#49: no eventID`);
    expect(lines.at(-1)).toBe('  … and 3 more');
  });

  it('is one line when nothing was rejected', () => {
    expect(formatIngestReport(report())).toEqual([
      '12 files, 4,210 records: 4,200 indexed, 5 already present, 0 rejected',
    ]);
  });
});
