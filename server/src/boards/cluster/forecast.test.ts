import { describe, expect, it } from 'vitest';
import { daysUntil, forecastDisk, type FamilyGrowth } from './forecast.ts';
import type { Watermark } from './watermarks.ts';

const GB = 1024 ** 3;
const percent = (name: Watermark['name'], usedFraction: number): Watermark => ({
  name,
  setting: `${usedFraction * 100}%`,
  usedFraction,
  freeBytes: null,
  maxHeadroomBytes: null,
});

describe('disk forecast', () => {
  const logs: FamilyGrowth = {
    name: 'logs',
    currentBytes: 100 * GB,
    dailyBytes: 50 * GB,
    retention: { days: 3 },
  };
  const trail: FamilyGrowth = { name: 'trail', currentBytes: 100 * GB, dailyBytes: 10 * GB, retention: null };

  it('grows each family until retention holds it, and finds the exact crossing day', () => {
    // 1000 GB disk, 300 GB used (100 logs + 100 trail + 100 other). Logs cap at 150 GB after 1 day,
    // then only trail grows 10 GB/day: 850 GB (85%) is crossed at 1 + (850 − 360) / 10 = 50 days.
    const forecast = forecastDisk(
      { totalBytes: 1000 * GB, usedBytes: 300 * GB },
      [percent('low', 0.85)],
      [logs, trail],
    );
    expect(forecast.watermarks[0]).toMatchObject({ name: 'low', thresholdBytes: 850 * GB, daysUntil: 50 });
    expect(forecast.dailyGrowthBytes).toBe(60 * GB);
  });

  it('says 0 when already past and null when retention holds disk below it for good', () => {
    expect(daysUntil(200 * GB, 300 * GB, [])).toBe(0);
    expect(daysUntil(900 * GB, 100 * GB, [logs])).toBeNull();
  });

  it('advises the most days a family may keep below the high watermark', () => {
    // High at 90% = 900 GB; other 100 GB + trail now 100 GB → logs may take 700 GB = 14 days of 50 GB.
    const forecast = forecastDisk(
      { totalBytes: 1000 * GB, usedBytes: 300 * GB },
      [percent('high', 0.9)],
      [logs, trail],
    );
    expect(forecast.advice).toEqual([{ family: 'logs', maxDaysBelowHigh: 14 }]);
  });

  it('a family over its steady size is cut down at once (retention runs), not grown', () => {
    const big: FamilyGrowth = {
      name: 'big',
      currentBytes: 500 * GB,
      dailyBytes: 10 * GB,
      retention: { days: 3 },
    };
    expect(daysUntil(200 * GB, 0, [big])).toBeNull();
  });
});
