import type { Client } from '@elastic/elasticsearch';
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';
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

/** What became of an event handed to another board's store. */
export interface SinkResult {
  outcome: 'stored' | 'already_present' | 'rejected';
  detail?: string;
}

/**
 * A board's store for events that arrive through another board's endpoint (SNS carries ECS
 * events for the containers board). Boards never import each other: the app collects sinks by
 * kind into `app.eventSinks`, and the receiving board looks the kind up there.
 */
export type EventSink = (app: FastifyInstance, event: unknown) => Promise<SinkResult>;

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
  /** Stores this board accepts events into, by kind (e.g. `ecs-task-state-change`). */
  eventSinks?: Record<string, EventSink>;
  /**
   * What `lookout setup` should say about data already stored (e.g. indices that need a
   * re-index after a mapping change); empty when nothing needs doing.
   */
  storedDataNotes?(client: Client, config: Config): Promise<string[]>;
  demo?: {
    /** True when the cluster already holds this board's data (then `npm start` does not seed). */
    hasData(client: Client, config: Config): Promise<boolean>;
    seed(context: SeedContext): Promise<SeedReport>;
  };
}
