import type { RetentionPolicy } from './config.ts';
import { thresholdUsedBytes, type Watermark, type WatermarkName } from './watermarks.ts';

/**
 * When disk crosses each watermark at the last 7 days' daily volume and the retention in force.
 * Each family grows by its daily volume until retention holds it at its steady size (days × daily
 * volume, or its size budget), so used disk is piecewise linear in time and the crossing is exact.
 * Pure; the disk is the cluster's total (the sum over data nodes).
 */

export const HORIZON_DAYS = 365;

export interface FamilyGrowth {
  name: string;
  currentBytes: number;
  /** Average bytes per day over the last 7 full days. */
  dailyBytes: number;
  retention: RetentionPolicy | null;
}

export interface WatermarkForecast {
  name: WatermarkName;
  setting: string;
  thresholdBytes: number;
  /** 0 when already past; null when not reached within the horizon (a year). */
  daysUntil: number | null;
}

export interface RetentionAdvice {
  family: string;
  /** The most days this family may keep and stay below the high watermark (others as configured). */
  maxDaysBelowHigh: number | null;
}

export interface DiskForecast {
  totalBytes: number;
  usedBytes: number;
  /** Sum of the families' daily volumes. */
  dailyGrowthBytes: number;
  watermarks: WatermarkForecast[];
  advice: RetentionAdvice[];
}

/** The size retention holds a family at; Infinity when nothing limits it. */
export function steadyBytes(family: FamilyGrowth): number {
  const byDays = family.retention?.days !== undefined ? family.dailyBytes * family.retention.days : Infinity;
  return Math.min(byDays, family.retention?.budgetBytes ?? Infinity);
}

function sizeAt(family: FamilyGrowth, days: number): number {
  const cap = steadyBytes(family);
  if (family.currentBytes >= cap) return cap;
  return Math.min(family.currentBytes + family.dailyBytes * days, cap);
}

/** First day (fractional) at which used disk reaches `threshold`, walking between the families' capping points. */
export function daysUntil(threshold: number, otherBytes: number, families: FamilyGrowth[]): number | null {
  const usedAt = (days: number) => otherBytes + families.reduce((sum, f) => sum + sizeAt(f, days), 0);
  if (usedAt(0) >= threshold) return 0;
  const breakpoints = families
    .filter((f) => f.dailyBytes > 0 && f.currentBytes < steadyBytes(f) && Number.isFinite(steadyBytes(f)))
    .map((f) => (steadyBytes(f) - f.currentBytes) / f.dailyBytes)
    .filter((days) => days < HORIZON_DAYS)
    .sort((a, b) => a - b);
  let start = 0;
  for (const end of [...breakpoints, HORIZON_DAYS]) {
    const [from, to] = [usedAt(start), usedAt(end)];
    if (to >= threshold) return start + ((threshold - from) / (to - from)) * (end - start);
    start = end;
  }
  return null;
}

export function forecastDisk(
  disk: { totalBytes: number; usedBytes: number },
  watermarks: Watermark[],
  families: FamilyGrowth[],
): DiskForecast {
  const familyBytes = families.reduce((sum, f) => sum + f.currentBytes, 0);
  const otherBytes = Math.max(0, disk.usedBytes - familyBytes);
  const forecasts = watermarks.map((watermark) => {
    const thresholdBytes = thresholdUsedBytes(watermark, disk.totalBytes);
    const days = disk.totalBytes > 0 ? daysUntil(thresholdBytes, otherBytes, families) : null;
    return {
      name: watermark.name,
      setting: watermark.setting,
      thresholdBytes,
      daysUntil: days === null ? null : Math.round(days * 10) / 10,
    };
  });
  const high = forecasts.find((f) => f.name === 'high');
  const advice = families
    .filter((family) => family.retention?.days !== undefined && family.dailyBytes > 0)
    .map((family) => {
      if (!high) return { family: family.name, maxDaysBelowHigh: null };
      // Everything else at the size retention holds it at (or its size now, when nothing limits it).
      const others = families
        .filter((other) => other !== family)
        .reduce((sum, other) => {
          const steady = steadyBytes(other);
          return sum + (Number.isFinite(steady) ? steady : other.currentBytes);
        }, 0);
      const room = high.thresholdBytes - otherBytes - others;
      const days = Math.floor(room / family.dailyBytes);
      return { family: family.name, maxDaysBelowHigh: days >= 1 ? days : null };
    });
  return {
    totalBytes: disk.totalBytes,
    usedBytes: disk.usedBytes,
    dailyGrowthBytes: families.reduce((sum, f) => sum + f.dailyBytes, 0),
    watermarks: forecasts,
    advice,
  };
}
