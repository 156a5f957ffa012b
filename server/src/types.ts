// Types-only entry of the server package (`@lookout/server/types`); no runtime code crosses.
// Each board's schema module is exported whole as one namespace named after the board, so a new
// board adds one line here and nothing else: `import type { cloudtrail } from '@lookout/server/types'`,
// then `cloudtrail.TopCallsQuery`, `cloudtrail.TopCallsResponse` (request and response types of
// every endpoint are the `Static` types next to their schemas). Shared types are exported once.
export type { HealthResponse } from './core/health-schema.ts';
export type { ApiErrorBody } from './core/error-schema.ts';
export type { PartialReason } from './core/schema-pieces.ts';

export type * as cloudtrail from './boards/cloudtrail/schema.ts';
export type * as cluster from './boards/cluster/schema.ts';
export type * as containers from './boards/containers/schema.ts';
export type * as deployments from './boards/deployments/schema.ts';
export type * as images from './boards/images/schema.ts';
export type * as traces from './boards/traces/schema.ts';
