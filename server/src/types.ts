// Types-only entry of the server package (`@lookout/server/types`): the web imports response
// types from here with `import type`; no runtime code crosses.
export type { HealthResponse } from './app/health-schema.ts';
export type { ApiErrorBody } from './app/error-handler.ts';
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
export type {
  HealthResponse as ClusterHealthResponse,
  NodeRow as ClusterNodeRow,
  FamiliesResponse as ClusterFamiliesResponse,
  FamilyRow as ClusterFamilyRow,
  ForecastResponse as ClusterForecastResponse,
  RetentionResponse as ClusterRetentionResponse,
  AuditResponse as ClusterAuditResponse,
  AuditRecord as ClusterAuditRecord,
} from './boards/cluster/schema.ts';
