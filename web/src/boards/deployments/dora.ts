// DORA ratings of the two keys the board can compute from deploy events.

export type DoraRating = 'elite' | 'high' | 'medium' | 'low';

/**
 * Change failure rate bands used by Lookout (issue #5): elite 0–5 %, high ≤ 10 %, medium ≤ 15 %,
 * low above. The rate itself follows the DORA four keys definition (production deploys only).
 */
export function changeFailureRating(rate: number): DoraRating {
  if (rate <= 0.05) return 'elite';
  if (rate <= 0.1) return 'high';
  if (rate <= 0.15) return 'medium';
  return 'low';
}

const HOUR = 3_600_000;

/** Time to restore bands of the DORA 2023 report: < 1 hour, < 1 day, < 1 week, longer. */
export function timeToRestoreRating(ms: number): DoraRating {
  if (ms < HOUR) return 'elite';
  if (ms < 24 * HOUR) return 'high';
  if (ms < 7 * 24 * HOUR) return 'medium';
  return 'low';
}

/** `1 h 5 min`, `42 s`, `3.2 days`: durations from seconds to weeks. */
export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${seconds % 60} s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  return `${(hours / 24).toFixed(1)} days`;
}

/** `8.5 %`; `—` when there is nothing to divide. */
export function formatRate(rate: number | null): string {
  if (rate === null) return '—';
  const percent = rate * 100;
  if (percent > 0 && percent < 0.1) return '<0.1 %';
  return `${percent.toFixed(1)} %`;
}
