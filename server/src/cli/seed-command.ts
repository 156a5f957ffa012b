import type { Client } from '@elastic/elasticsearch';
import { loadConfig, type Config } from '../app/config.ts';
import { createEsWriter } from '../es/client.ts';
import { terminalProgress, type Progress } from '../core/progress.ts';
import type { Board, SeedOptions } from '../core/board.ts';
import { boards } from '../app/boards.ts';
import { installAllTemplates } from './setup-command.ts';
import { UsageError } from './usage-error.ts';

interface SeedFlags {
  days?: string;
  scale?: string;
  seed?: string;
  board?: string;
}

function positiveNumber(flag: string, raw: string | undefined, fallback: number, integer: boolean): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new UsageError(
      `--${flag}: expected a positive ${integer ? 'whole number' : 'number'}, got "${raw}"`,
    );
  }
  return value;
}

export function parseSeedOptions(flags: SeedFlags, now: Date): SeedOptions {
  return {
    days: positiveNumber('days', flags.days, 7, true),
    scale: positiveNumber('scale', flags.scale, 1, false),
    seed: positiveNumber('seed', flags.seed, 1, true),
    now,
  };
}

/** Seeds the given boards (all by default), one after another, with progress and a summary line each. */
export async function seedBoards(
  client: Client,
  config: Config,
  selected: Board[],
  options: SeedOptions,
  progress: Progress,
): Promise<void> {
  for (const board of selected) {
    if (!board.demo) continue;
    const report = await board.demo.seed({ client, config, options, progress });
    progress.log(
      `${board.name}: ${report.indexed.toLocaleString('en-US')} indexed, ` +
        `${report.alreadyPresent.toLocaleString('en-US')} already present, ${report.rejected} rejected`,
    );
  }
}

export async function seedCommand(flags: SeedFlags): Promise<number> {
  const options = parseSeedOptions(flags, new Date());
  const selected = flags.board ? boards.filter((board) => board.name === flags.board) : boards;
  if (flags.board && selected.length === 0) {
    throw new UsageError(
      `--board: no board "${flags.board}"; boards: ${boards.map((b) => b.name).join(', ')}`,
    );
  }
  const config = loadConfig();
  const client = createEsWriter(config.es);
  try {
    await installAllTemplates(client, config);
    await seedBoards(client, config, selected, options, terminalProgress());
    return 0;
  } finally {
    await client.close();
  }
}
