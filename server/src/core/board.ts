import type { Client, estypes } from '@elastic/elasticsearch';
import type { FastifyBaseLogger, FastifyInstance, FastifyPluginAsync } from 'fastify';
import type { Static, TSchema } from 'typebox';
import type { Config, ConfigSlice } from './config.ts';
import type { Progress } from './progress.ts';
import type { TimeRange } from './time-range.ts';
import type { ValueShape } from './value-shapes.ts';

/**
 * The board contract: everything board-specific — its configuration slice, index templates,
 * endpoints, extra route scopes, demo, event sinks and alert sources — is declared in one
 * `defineBoard({...})` in `boards/<name>/board.ts`. The app (`app/boards.ts`, one line per board)
 * combines them; core and app name no board, and boards never import each other.
 */

export interface IndexTemplate {
  name: string;
  body: Omit<estypes.IndicesPutIndexTemplateRequest, 'name'>;
}

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

/** A board search as the routes send it (within the app's limits; see es/search.ts). */
export type Search = <TDocument = unknown>(
  request: estypes.SearchRequest,
) => Promise<estypes.SearchResponse<TDocument, Record<string, estypes.AggregationsAggregate>>>;

/** What an endpoint's answer may use: this request's search (it notes partial results), the rest. */
export interface EndpointContext {
  config: Config;
  /** Reads that are not searches (field capabilities, mget). */
  es: Client;
  search: Search;
}

/** What an endpoint's `build` may use: the configuration and this request's "now" (no I/O). */
export interface BuildContext {
  config: Config;
  /** Read once per request, so build and shape see the same time (golden cases fix it). */
  now: Date;
}

/** A search response as `shape` receives it (aggregations by name, see es/aggregations.ts). */
export type SearchResponse = estypes.SearchResponse<unknown, Record<string, estypes.AggregationsAggregate>>;

/**
 * What `build` hands on: the search to send, and whatever else shaping needs from the request
 * (the resolved range, the chosen interval, the page size), so shape never re-reads the clock.
 */
export interface BuiltSearch {
  search: estypes.SearchRequest;
}

interface EndpointBase<Query extends TSchema, Params extends TSchema, Response extends TSchema> {
  /** Relative to `/api/<board>`, e.g. `/top-calls` or `/events/:eventID`. */
  url: string;
  summary: string;
  description?: string;
  querystring?: Query;
  params?: Params;
  response: Response;
  /** The 404 message when the endpoint finds nothing (only endpoints that look one thing up). */
  notFound?: (params: Static<Params>) => string;
  /** A list endpoint that can hand over its whole result as CSV or NDJSON (`format=`). */
  export?: EndpointExport<Static<Query>, Static<Response>>;
}

/** One exported row: a value per column (lists are joined with `; ` in CSV). */
export type ExportRow = Record<string, string | number | boolean | null | undefined | readonly string[]>;

/**
 * How a list endpoint exports the whole filtered result, not the page: core streams it (point in
 * time + search_after, see app/export-stream.ts), quotes and neutralises cells, stops at the row
 * limit and names the file `<board>-<name>-<from>-<to>.<csv|ndjson>`.
 */
export interface EndpointExport<Query = unknown, Response = unknown> {
  /** Part of the file name after the board: `events`, `failures`. */
  name: string;
  /** Column order of the CSV header; NDJSON objects carry the same keys. */
  columns: readonly string[];
  /** The range the rows cover, for the file name (checks the query, as `answer` does). */
  range?(query: Query): TimeRange;
  /**
   * A list of documents: the search for every matching document (no size, no search_after),
   * sorted with a unique field last so paging never skips or repeats; `rows` shapes one page
   * (it may search more, e.g. to join logs).
   */
  hits?: {
    search(query: Query, context: EndpointContext): estypes.SearchRequest | Promise<estypes.SearchRequest>;
    rows(
      hits: estypes.SearchHit<unknown>[],
      context: EndpointContext,
      query: Query,
    ): ExportRow[] | Promise<ExportRow[]>;
  };
  /** A list computed by aggregation, already whole in the answer (unknown IPs): its rows. */
  rows?(answer: Response): ExportRow[];
}

/** The newest document a finder matched, as `link` may need it. */
export interface FoundDocument {
  /** Time of the newest match (ISO), null for a board without a time field. */
  newest: string | null;
  /** The `linkFields` of the newest match (dotted paths as stored in `_source`). */
  source: Record<string, unknown>;
}

/**
 * Where a pasted value may occur in a board: core's `GET /api/find` runs every board's finders in
 * one multi-search, only with values of a shape the finder accepts (an `ip` field never gets a
 * non-address), and links each match into the board filtered to it.
 */
export interface Finder {
  /** What matched, as a person says it: "source IP", "eventID", "task". */
  what: string;
  /** The value shapes the fields can hold; `text` accepts any value (keyword fields). */
  accepts: readonly ValueShape[];
  index(config: Config): string;
  fields: readonly string[];
  /** `prefix`: a pasted start of the value matches too (keyword fields only). */
  match: 'exact' | 'prefix';
  /** Sorts matches newest first, and bounds them by the range unless `anyAge`. */
  timeField?: string;
  /** Ids whose lookup needs no range (eventID, task ARN) are found at any age. */
  anyAge?: boolean;
  /** Fields of the newest match that `link` reads. */
  linkFields?: readonly string[];
  /** Web URL (path and query) of the board filtered to the value. */
  link(value: string, found: FoundDocument): string;
}

/** Keeps a finder's declaration checked where it is written. */
export function defineFinder(finder: Finder): Finder {
  return finder;
}

export interface EndpointRequest<Query extends TSchema = TSchema, Params extends TSchema = TSchema> {
  query: Static<Query>;
  params: Static<Params>;
}

/** An endpoint whose answer takes more than one search, or reads that are not searches. */
export interface AnswerEndpoint<
  Query extends TSchema = TSchema,
  Params extends TSchema = TSchema,
  Response extends TSchema = TSchema,
> extends EndpointBase<Query, Params, Response> {
  answer(request: EndpointRequest<Query, Params>, context: EndpointContext): Promise<Static<Response> | null>;
}

/**
 * An endpoint that is one search: `build` (pure) → core sends `built.search` → `shape` (pure).
 * Golden cases come from the table: a `__fixtures__/<case>.case.json` naming the endpoint, its
 * request and configuration is fed through `build` and `shape` (test/golden-harness.ts).
 */
export interface SearchEndpoint<
  Query extends TSchema = TSchema,
  Params extends TSchema = TSchema,
  Response extends TSchema = TSchema,
  Built extends BuiltSearch = BuiltSearch,
> extends EndpointBase<Query, Params, Response> {
  build(request: EndpointRequest<Query, Params>, context: BuildContext): Built;
  /** Null when the request looked one thing up and it is not there (→ 404 with `notFound`). */
  shape(response: SearchResponse, built: Built): Static<Response> | null;
}

/**
 * One endpoint of a board, as data: core mounts it under `/api/<board>` with its request and
 * response schemas (validation, serialisation and the OpenAPI document come from them), answers
 * 404 with `notFound` when it finds nothing, and sets `partial` on the response when a search of
 * this request came back incomplete. Either `answer`, or `build` + `shape`.
 */
export type Endpoint = AnswerEndpoint | SearchEndpoint;

/** Keeps an endpoint's request and response types tied to its schemas. */
export function defineEndpoint<
  Query extends TSchema = TSchema,
  Params extends TSchema = TSchema,
  Response extends TSchema = TSchema,
  Built extends BuiltSearch = BuiltSearch,
>(endpoint: SearchEndpoint<Query, Params, Response, Built>): Endpoint;
export function defineEndpoint<
  Query extends TSchema = TSchema,
  Params extends TSchema = TSchema,
  Response extends TSchema = TSchema,
>(endpoint: AnswerEndpoint<Query, Params, Response>): Endpoint;
export function defineEndpoint(endpoint: unknown): Endpoint {
  return endpoint as Endpoint;
}

/** True for the endpoints that are one search (build → search → shape). */
export function isSearchEndpoint(endpoint: Endpoint): endpoint is SearchEndpoint {
  return 'build' in endpoint;
}

/** The endpoint's answer: `answer`, or build → search → shape with one "now" for the whole request. */
export async function answerOf(
  endpoint: Endpoint,
  input: { query: unknown; params: unknown },
  context: EndpointContext,
): Promise<unknown> {
  if (!isSearchEndpoint(endpoint)) return endpoint.answer(input, context);
  const built = endpoint.build(input, { config: context.config, now: new Date() });
  return endpoint.shape(await context.search(built.search), built);
}

/** Routes that live outside `/api/<board>` (ingest endpoints), mounted at an explicit prefix. */
export interface RouteScope {
  prefix: string;
  plugin: FastifyPluginAsync;
}

/** What an alert source may use while it runs in the background (no request). */
export interface AlertContext {
  config: Config;
  es: Client;
  esWriter: Client;
  search: Search;
  log: FastifyBaseLogger;
}

/** A running alert loop: prepared before the app serves, stopped when it closes. */
export interface AlertRunner {
  /** Before serving (e.g. create the claims index); a failure is logged, the runner still starts. */
  prepare?(): Promise<void>;
  start(): void;
  stop(): Promise<void> | void;
}

/**
 * Something that finds alertable events on a schedule and delivers them (the containers board's
 * startup-failure watcher; a cluster board's health finder). `create` answers null when the
 * source is switched off by configuration.
 */
export interface AlertSource {
  name: string;
  create(context: AlertContext): AlertRunner | null;
}

/**
 * What a board contributes to the app. The app layer (`app/boards.ts`) lists the boards; boards
 * never import each other.
 */
export interface Board {
  /** Same name in the server route prefix, the web URL, the e2e spec and the config key. */
  name: string;
  /** How the README's list of boards names it (generated by scripts/board-list.ts); else `name`. */
  title?: string;
  /** The question it answers, one line for the README's list of boards. */
  question?: string;
  /** Its configuration slice, read and validated at start with everything else. */
  config?: ConfigSlice<unknown>;
  /** Mounted under `/api/<name>`. */
  endpoints?: Endpoint[];
  /** Routes under `/api/<name>` that are not JSON endpoints (a picture, a redirect). */
  routes?: FastifyPluginAsync;
  /** Route scopes at explicit prefixes, e.g. `{ prefix: '/api/ingest', plugin }`. */
  scopes?: RouteScope[];
  indexTemplates(config: Config): IndexTemplate[];
  /** Stores this board accepts events into, by kind (e.g. `ecs-task-state-change`). */
  eventSinks?: Record<string, EventSink>;
  /**
   * What `lookout setup` should say about data already stored (e.g. indices that need a
   * re-index after a mapping change); empty when nothing needs doing.
   */
  storedDataNotes?(client: Client, config: Config): Promise<string[]>;
  alertSources?: AlertSource[];
  /** Where a pasted value may occur in this board (see `Finder`). */
  finders?: Finder[];
  demo?: BoardDemo;
}

export interface BoardDemo {
  /** True when the cluster already holds this board's data (then `npm start` does not seed). */
  hasData(client: Client, config: Config): Promise<boolean>;
  seed(context: SeedContext): Promise<SeedReport>;
}

/**
 * A demo loaded on first use: the generators (a quarter of the server's source) stay out of the
 * server's module graph, so nothing on the request path can reach them.
 */
export function lazyDemo(load: () => Promise<{ demo: BoardDemo }>): BoardDemo {
  return {
    hasData: async (client, config) => (await load()).demo.hasData(client, config),
    seed: async (context) => (await load()).demo.seed(context),
  };
}

/** Declares a board; the one place a board's parts are named together. */
export function defineBoard(board: Board): Board {
  return board;
}
