// Types-only entry of the server package (`@lookout/server/types`): the web imports response
// types from here with `import type`; no runtime code crosses.
export type { HealthResponse } from './app/health-schema.ts';
