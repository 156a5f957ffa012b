import { defineBoard, lazyDemo } from '../../core/board.ts';
import { tracesConfig } from './config.ts';
import { tracesEndpoints } from './endpoints.ts';
import { spanIndexTemplate } from './mapping.ts';
import { tracesIngestRoutes } from './ingest/ingest-routes.ts';

/**
 * Traces: which service made this request slow or failed; how services call each other. Spans
 * arrive by OTLP/HTTP (`/v1/traces`), Zipkin v2 (`/api/v2/spans`) and `lookout ingest traces`.
 */
export const tracesBoard = defineBoard({
  name: 'traces',
  title: 'Traces',
  question: 'which service made this request slow or failed; how services call each other',
  config: tracesConfig,
  endpoints: tracesEndpoints,
  // OTLP and Zipkin fix their paths (`/v1/traces`, `/api/v2/spans`), so the scope has no prefix.
  scopes: [{ prefix: '', plugin: tracesIngestRoutes }],
  indexTemplates: (config) => [spanIndexTemplate(config)],
  demo: lazyDemo(() => import('./demo/seed.ts')),
});
