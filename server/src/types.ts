// Types-only entry of the server package (`@lookout/server/types`); no runtime code crosses.
// Each board's schema module is exported whole as one namespace named after the board, so a new
// board adds one line here and nothing else: `import type { cloudtrail } from '@lookout/server/types'`,
// then `cloudtrail.TopCallsQuery`, `cloudtrail.TopCallsResponse` (request and response types of
// every endpoint are the `Static` types next to their schemas). Shared types are exported once.
export type { HealthResponse } from './core/health-schema.ts';
export type { ApiErrorBody } from './core/error-schema.ts';
export type { PartialReason } from './core/schema-pieces.ts';

export type * as cloudtrail from './boards/cloudtrail/schema.ts';
export type * as containers from './boards/containers/schema.ts';
export type * as deployments from './boards/deployments/schema.ts';
export type * as images from './boards/images/schema.ts';

// TODO(#14): the flat names below go once the web reads the namespaces above.
export type {
  TopCallsQuery,
  TopCallsResponse,
  EventsQuery,
  EventsResponse,
  EventSummary,
  EventRecordResponse,
  UnknownIpsQuery,
  UnknownIpsResponse,
  SummaryQuery,
  SummaryResponse,
} from './boards/cloudtrail/schema.ts';
export type {
  ImageSearchQuery,
  ImageSearchResponse,
  ImageHit,
  ImageFacets,
  Orientation,
  TagSuggestionsQuery,
  TagSuggestionsResponse,
  ImageDetailResponse,
} from './boards/images/schema.ts';
export type {
  DeployEvent,
  FailureCause,
  KpisQuery,
  KpisResponse,
  FailuresQuery,
  FailuresResponse,
  FailureRow,
  ServicesQuery,
  ServicesResponse,
  ServiceRow,
  StagesQuery,
  StagesResponse,
  StageRow,
  SnsIngestResponse,
} from './boards/deployments/schema.ts';
export type {
  ReasonClass,
  FailuresQuery as ContainerFailuresQuery,
  FailuresResponse as ContainerFailuresResponse,
  Failure as ContainerFailure,
  FailureDetailResponse as ContainerFailureDetailResponse,
  TimelineQuery as ContainerTimelineQuery,
  TimelineResponse as ContainerTimelineResponse,
  AlertsQuery as ContainerAlertsQuery,
  AlertsResponse as ContainerAlertsResponse,
  AlertRow as ContainerAlertRow,
  EcsIngestResponse,
} from './boards/containers/schema.ts';
