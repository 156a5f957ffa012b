import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { flatSettings } from '../../es/cluster-stats.ts';
import { parseWatermarks, thresholdUsedBytes } from './watermarks.ts';

const fixture = (name: string) =>
  flatSettings(
    JSON.parse(readFileSync(new URL(`./__fixtures__/${name}.response.json`, import.meta.url), 'utf8')),
  );

const GB = 1024 ** 3;
const TB = 1024 * GB;

describe('disk watermarks from the cluster settings (recorded on Elasticsearch 9.2)', () => {
  it('defaults: percentages capped by the default max_headroom', () => {
    const [low, high, flood] = parseWatermarks(fixture('watermarks-defaults'));
    expect(low).toMatchObject({
      name: 'low',
      setting: '85%',
      usedFraction: 0.85,
      maxHeadroomBytes: 200 * GB,
    });
    // 30 TB at 85% would leave 4.5 TB free; the headroom stops at 200 GB free.
    expect(thresholdUsedBytes(low!, 30 * TB)).toBe(30 * TB - 200 * GB);
    // A small disk stays on the percentage: 15% of 100 GB is below the headroom.
    expect(thresholdUsedBytes(high!, 100 * GB)).toBe(Math.round(0.9 * 100 * GB));
    expect(flood).toMatchObject({ setting: '95%', maxHeadroomBytes: 100 * GB });
  });

  it('absolute values are free space, and their (disabled) headroom is ignored', () => {
    const [low, high, flood] = parseWatermarks(fixture('watermarks-absolute'));
    expect(low).toMatchObject({
      setting: '200gb',
      usedFraction: null,
      freeBytes: 200 * GB,
      maxHeadroomBytes: null,
    });
    expect(thresholdUsedBytes(high!, TB)).toBe(TB - 150 * GB);
    expect(thresholdUsedBytes(flood!, TB)).toBe(TB - 100 * GB);
  });

  it('ratios, transient over persistent, and engine defaults when the answer is empty', () => {
    const marks = parseWatermarks({
      persistent: { 'cluster.routing.allocation.disk.watermark.low': '0.7' },
      transient: { 'cluster.routing.allocation.disk.watermark.high': '80%' },
    });
    expect(marks.map((mark) => [mark.setting, mark.usedFraction])).toEqual([
      ['0.7', 0.7],
      ['80%', 0.8],
      ['95%', 0.95],
    ]);
  });
});
