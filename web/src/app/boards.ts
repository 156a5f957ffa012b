import type { BoardRoute } from '../lib/board-route.ts';
import { cloudtrailRoute } from '../boards/cloudtrail/route.ts';
import { clusterRoute } from '../boards/cluster/route.ts';
import { containersRoute } from '../boards/containers/route.ts';
import { deploymentsRoute } from '../boards/deployments/route.ts';
import { imagesRoute } from '../boards/images/route.ts';
import { tracesRoute } from '../boards/traces/route.ts';

// The list of boards: the only place that names them all. Each board's folder says the rest
// (path, title, lazy pages) in its `route.ts`; boards never know about each other.

/** In navigation order; the first is where `/` leads. */
export const BOARDS: readonly [BoardRoute, ...BoardRoute[]] = [
  cloudtrailRoute,
  containersRoute,
  deploymentsRoute,
  imagesRoute,
  tracesRoute,
  clusterRoute,
];
