const integer = new Intl.NumberFormat('en-US');

/** `1,234` — the same grouping whatever the browser’s locale, everywhere in Lookout. */
export function formatCount(n: number): string {
  return integer.format(n);
}

/** `1 event`, `1,234 events`. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(n)} ${n === 1 ? singular : plural}`;
}

/** How long ago, in the coarsest unit that still helps: `45 s`, `3 min`, `2 h 5 min`, `3 days`. */
export function formatAge(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days`;
}

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];

/** `512 B`, `1.5 GB`, `30.0 TB` — binary units, as the engines count them. */
export function formatBytes(bytes: number): string {
  let value = bytes;
  let unit = 0;
  while (Math.abs(value) >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${UNITS[unit]}`;
}
