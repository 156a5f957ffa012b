import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findLogFiles, readLogFile, readLogFiles, type LogFile } from './read-log-files.ts';

const records = [
  {
    eventID: '11111111-1111-4111-8111-111111111111',
    eventTime: '2026-11-26T10:45:12Z',
    eventName: 'ListBuckets',
  },
  {
    eventID: '22222222-2222-4222-8222-222222222222',
    eventTime: '2026-11-26T10:46:01Z',
    eventName: 'GetObject',
  },
];
const logJson = JSON.stringify({ Records: records });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lookout-read-logs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function put(relative: string, content: string | Buffer): Promise<string> {
  const file = path.join(dir, relative);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, content);
  return file;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

const KEY = '111122223333_CloudTrail_us-east-1_20261126T1045Z_AbCdEf0123456789';

describe('readLogFile', () => {
  it('reads a gzipped log file as CloudTrail delivers it', async () => {
    const file = await put(`${KEY}.json.gz`, gzipSync(logJson));
    expect(await readLogFile(file)).toEqual({ file, records });
  });

  it('reads a plain JSON log file', async () => {
    const file = await put(`${KEY}.json`, logJson);
    expect(await readLogFile(file)).toEqual({ file, records });
  });

  it('recognises gzip by its magic bytes whatever the name', async () => {
    const file = await put(`${KEY}.json`, gzipSync(logJson));
    expect(await readLogFile(file)).toEqual({ file, records });
  });

  it('accepts a .gz name holding plain JSON (decompressed on download)', async () => {
    const file = await put(`${KEY}.json.gz`, logJson);
    expect(await readLogFile(file)).toEqual({ file, records });
  });

  it('reports a gzip file cut in half as truncated', async () => {
    const whole = gzipSync(JSON.stringify({ Records: Array.from({ length: 200 }, () => records[0]) }));
    const file = await put(`${KEY}.json.gz`, whole.subarray(0, Math.floor(whole.length / 2)));
    expect(await readLogFile(file)).toEqual({ file, reason: 'truncated gzip: unexpected end of file' });
  });

  it('reports a .gz file that is neither gzip nor JSON', async () => {
    const file = await put(`${KEY}.json.gz`, 'PK\x03\x04 a zip archive');
    expect(await readLogFile(file)).toEqual({
      file,
      reason: 'not gzip: named .gz but does not start with the gzip magic bytes 1f 8b',
    });
  });

  it('reports a file that is not JSON', async () => {
    const file = await put(`${KEY}.json`, '{"Records": [');
    const result = await readLogFile(file);
    expect(result).toMatchObject({ file });
    expect((result as { reason: string }).reason).toMatch(/^not JSON: /);
  });

  it('reports JSON without a Records array as not a CloudTrail log file', async () => {
    for (const content of ['{"hello":"world"}', '{"Records":{"not":"an array"}}', 'null']) {
      const file = await put(`${KEY}.json`, content);
      expect(await readLogFile(file)).toEqual({
        file,
        reason: 'not a CloudTrail log file: no Records array',
      });
    }
  });

  it('reads a file holding no records as an empty list', async () => {
    const file = await put(`${KEY}.json.gz`, gzipSync('{"Records":[]}'));
    expect(await readLogFile(file)).toEqual({ file, records: [] });
  });
});

describe('findLogFiles', () => {
  it('walks the account and organisation-trail S3 layouts, skipping digests and other files', async () => {
    const day = 'CloudTrail/us-east-1/2026/11/26';
    const accountFile = await put(`AWSLogs/111122223333/${day}/${KEY}.json.gz`, gzipSync(logJson));
    const orgFile = await put(
      `AWSLogs/o-a1b2c3d4e5/444455556666/${day}/${KEY.replace('1111', '4444')}.json.gz`,
      gzipSync(logJson),
    );
    await put(`AWSLogs/111122223333/CloudTrail-Digest/us-east-1/2026/11/26/digest.json.gz`, gzipSync('{}'));
    await put(`AWSLogs/111122223333/${day}/README.txt`, 'not a log');
    await put(`AWSLogs/111122223333/${day}/.DS_Store`, 'junk');

    const found = await collect(findLogFiles([dir]));
    expect(found).toEqual([{ file: accountFile }, { file: orgFile }]);
  });

  it('takes a file given by name even without a log-file extension, and each file once', async () => {
    const named = await put('export.txt', logJson);
    const inDir = await put(`sub/${KEY}.json`, logJson);
    const found = await collect(findLogFiles([named, dir, inDir]));
    expect(found).toEqual([{ file: named }, { file: inDir }]);
  });

  it('reports a path that does not exist', async () => {
    const missing = path.join(dir, 'nope');
    expect(await collect(findLogFiles([missing]))).toEqual([
      { file: missing, reason: 'no such file or directory' },
    ]);
  });
});

describe('readLogFiles', () => {
  it('yields every file in order, good and bad, one result per file', async () => {
    const good = await put(`a/${KEY}.json.gz`, gzipSync(logJson));
    const notCloudTrail = await put(`b/${KEY}.json`, '{"items":[]}');
    const plain = await put(`c/${KEY}.json`, logJson);
    const results: LogFile[] = await collect(readLogFiles([dir]));
    expect(results).toEqual([
      { file: good, records },
      { file: notCloudTrail, reason: 'not a CloudTrail log file: no Records array' },
      { file: plain, records },
    ]);
  });

  it('streams many files in order', async () => {
    for (let n = 0; n < 30; n++) await put(`many/${String(n).padStart(3, '0')}.json.gz`, gzipSync(logJson));
    const results = await collect(readLogFiles([path.join(dir, 'many')]));
    expect(results.map((result) => path.basename(result.file))).toEqual(
      Array.from({ length: 30 }, (_, n) => `${String(n).padStart(3, '0')}.json.gz`),
    );
    expect(results.every((result) => 'records' in result && result.records.length === 2)).toBe(true);
  });
});
