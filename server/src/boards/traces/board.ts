import { defineBoard } from '../../core/board.ts';
import { tracesConfig } from './config.ts';
import { tracesEndpoints } from './endpoints.ts';
import { spanIndexTemplate } from './mapping.ts';

/**
 * Traces: which service made this request slow or failed; how services call each other. Spans
 * arrive by OTLP/HTTP (`/v1/traces`), Zipkin v2 (`/api/v2/spans`) and `lookout ingest traces`.
 */
export const tracesBoard = defineBoard({
  name: 'traces',
  config: tracesConfig,
  endpoints: tracesEndpoints,
  indexTemplates: (config) => [spanIndexTemplate(config)],
});
