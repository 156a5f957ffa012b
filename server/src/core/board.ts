import type { Client } from '@elastic/elasticsearch';
import type { FastifyPluginAsync } from 'fastify';
import type { Config } from './config.ts';
import type { IndexTemplate } from '../es/templates.ts';
import type { Progress } from './progress.ts';

export interface SeedOptions {
  /** How many days of history, ending at `now`. */
  days: number;
  /** Multiplier of the board's default volume. */
  scale: number;
  /** Seed of the pseudo-random generator: the same seed writes the same documents. */
  seed: number;
  now: Date;
}

export interface SeedContext {
  client: Client;
  config: Config;
  options: SeedOptions;
  progress: Progress;
}

export interface SeedReport {
  indexed: number;
  alreadyPresent: number;
  rejected: number;
}

/**
 * What a board contributes to the app. The app layer (`app/boards.ts`) lists the boards; boards
 * never import each other.
 */
export interface Board {
  /** Same name in the server route prefix, the web URL and the e2e spec. */
  name: string;
  /** Registered under `/api/<name>`. */
  routes: FastifyPluginAsync;
  indexTemplates(config: Config): IndexTemplate[];
  demo?: {
    /** True when the cluster already holds this board's data (then `npm start` does not seed). */
    hasData(client: Client, config: Config): Promise<boolean>;
    seed(context: SeedContext): Promise<SeedReport>;
  };
}
