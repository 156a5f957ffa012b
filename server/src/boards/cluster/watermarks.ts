import type { RawWatermarkSettings } from '../../es/cluster-stats.ts';
import { parseBytes } from './config.ts';

/**
 * The disk watermarks as the cluster itself has them: each is a used percentage (`85%`, `0.85`)
 * or an absolute amount of free space (`500gb`), and on Elasticsearch ≥ 8.5 a percentage may be
 * capped by a `max_headroom` of free space (a 30 TB disk at 85% would otherwise stop allocating
 * with 4.5 TB free). Pure.
 */

export const WATERMARKS = ['low', 'high', 'flood_stage'] as const;
export type WatermarkName = (typeof WATERMARKS)[number];

export interface Watermark {
  name: WatermarkName;
  /** As the settings say, e.g. `85%` or `500gb`. */
  setting: string;
  /** Used fraction (0.85) for a percentage, null for free-space values. */
  usedFraction: number | null;
  /** Free space required, for absolute values. */
  freeBytes: number | null;
  /** Free space beyond which a percentage no longer applies (ES max_headroom). */
  maxHeadroomBytes: number | null;
}

const PREFIX = 'cluster.routing.allocation.disk.watermark.';

/** Elasticsearch and OpenSearch defaults, used when the settings answer lacks a value. */
const FALLBACK: Record<WatermarkName, string> = { low: '85%', high: '90%', flood_stage: '95%' };

function lookup(
  settings: RawWatermarkSettings,
  key: string,
): { value: string; explicit: boolean } | undefined {
  for (const scope of ['transient', 'persistent'] as const) {
    const value = settings[scope]?.[key];
    if (value !== undefined) return { value, explicit: true };
  }
  const value = settings.defaults?.[key];
  return value === undefined ? undefined : { value, explicit: false };
}

function parseUsedFraction(value: string): number | null {
  const percent = /^(\d+(?:\.\d+)?)%$/.exec(value);
  if (percent) return Number(percent[1]) / 100;
  if (/^(?:0|1|0?\.\d+|1\.0*)$/.test(value)) return Number(value);
  return null;
}

export function parseWatermarks(settings: RawWatermarkSettings): Watermark[] {
  return WATERMARKS.map((name) => {
    const found = lookup(settings, PREFIX + name) ?? { value: FALLBACK[name], explicit: false };
    const headroom = lookup(settings, `${PREFIX}${name}.max_headroom`);
    const usedFraction = parseUsedFraction(found.value.trim());
    const freeBytes = usedFraction === null ? (parseBytes(found.value) ?? null) : null;
    // A default headroom only goes with a default percentage; an explicit one always applies.
    const headroomApplies = headroom && (headroom.explicit || !found.explicit);
    const headroomBytes = headroomApplies ? parseBytes(headroom.value) : undefined;
    return {
      name,
      setting: found.value,
      usedFraction,
      freeBytes,
      maxHeadroomBytes:
        usedFraction !== null && headroomBytes !== undefined && headroomBytes >= 0 ? headroomBytes : null,
    };
  });
}

/** Used bytes at which a disk of `totalBytes` crosses this watermark. */
export function thresholdUsedBytes(watermark: Watermark, totalBytes: number): number {
  if (watermark.usedFraction === null) return Math.max(0, totalBytes - (watermark.freeBytes ?? 0));
  let requiredFree = (1 - watermark.usedFraction) * totalBytes;
  if (watermark.maxHeadroomBytes !== null) requiredFree = Math.min(requiredFree, watermark.maxHeadroomBytes);
  return Math.round(totalBytes - requiredFree);
}
