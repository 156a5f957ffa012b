/**
 * Progress for long CLI steps: a bar with counts on a terminal, plain periodic lines otherwise
 * (CI logs), nothing at all when silenced (tests).
 */
export interface Progress {
  /** Starts (or restarts) a step; `total` undefined means an unknown amount (a spinner). */
  start(label: string, total?: number, unit?: string): void;
  update(done: number): void;
  done(summary?: string): void;
  log(line: string): void;
}

export const silentProgress: Progress = { start() {}, update() {}, done() {}, log() {} };

function formatAmount(value: number, unit: string): string {
  if (unit === 'bytes') return `${(value / 1_048_576).toFixed(1)} MB`;
  return `${value.toLocaleString('en-US')}${unit ? ` ${unit}` : ''}`;
}

export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  const interactive = Boolean(stream.isTTY);
  let label = '';
  let total: number | undefined;
  let unit = '';
  let current = 0;
  let lastPlainLine = 0;

  const render = (): string => {
    if (total === undefined || total === 0) return `${label}: ${formatAmount(current, unit)}`;
    const ratio = Math.min(1, current / total);
    const width = 28;
    const filled = Math.round(ratio * width);
    const bar = '█'.repeat(filled) + '░'.repeat(width - filled);
    return `${label} ${bar} ${(ratio * 100).toFixed(0).padStart(3)}%  ${formatAmount(current, unit)} / ${formatAmount(total, unit)}`;
  };

  return {
    start(newLabel, newTotal, newUnit = '') {
      label = newLabel;
      total = newTotal;
      unit = newUnit;
      current = 0;
      lastPlainLine = 0;
      if (interactive) stream.write(`\r\x1b[2K${render()}`);
      else stream.write(`${label}…\n`);
    },
    update(done) {
      current = done;
      if (interactive) {
        stream.write(`\r\x1b[2K${render()}`);
      } else if (Date.now() - lastPlainLine > 5_000) {
        lastPlainLine = Date.now();
        stream.write(`  ${render()}\n`);
      }
    },
    done(summary) {
      const line = summary ? `${label}: ${summary}` : render();
      stream.write(interactive ? `\r\x1b[2K✔ ${line}\n` : `✔ ${line}\n`);
    },
    log(line) {
      stream.write(interactive ? `\r\x1b[2K${line}\n` : `${line}\n`);
    },
  };
}
