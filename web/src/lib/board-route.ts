import type { LazyRouteFunction, RouteObject } from 'react-router';

/**
 * What the app needs to know of a board, exported by the board's own `route.ts`: where it lives,
 * what the navigation calls it, and its pages, each loaded lazily so a board's code (and the
 * chart library) loads only when the board is opened.
 */
export interface BoardRoute {
  /** `/<board>`: the board's name in the URL, as on the server (`/api/<board>`). */
  path: string;
  /** Its name in the navigation and on the "page not found" list. */
  title: string;
  lazy: LazyRouteFunction<RouteObject>;
  /** Pages under the board's path (a deep link to one item), each its own lazy chunk. */
  pages?: readonly { path: string; lazy: LazyRouteFunction<RouteObject> }[];
}
