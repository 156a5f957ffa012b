import { queryOptions } from '@tanstack/react-query';
import { feature, mesh } from 'topojson-client';

// Land and country borders at 1:110m from Natural Earth (the world-atlas package), shipped with
// the app: no tile server is needed, so the map works on an offline network. The geometry is
// its own chunk, fetched when the map first draws.

type Position = readonly number[];

export interface WorldOutline {
  /** Polygon rings of the land, [lon, lat] positions. */
  land: Position[][];
  /** Lines between two countries (not coastlines). */
  borders: Position[][];
}

type WorldTopology = Parameters<typeof mesh>[0];

/** The little of GeoJSON read here: every geometry type topojson-client can return. */
type Geometry =
  | { type: 'Point' | 'MultiPoint' }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'Polygon' | 'MultiLineString'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] }
  | { type: 'GeometryCollection'; geometries: Geometry[] };

function ringsOf(geometry: Geometry | null): Position[][] {
  if (!geometry) return [];
  switch (geometry.type) {
    case 'Polygon':
    case 'MultiLineString':
      return geometry.coordinates;
    case 'MultiPolygon':
      return geometry.coordinates.flat();
    case 'LineString':
      return [geometry.coordinates];
    case 'GeometryCollection':
      return geometry.geometries.flatMap(ringsOf);
    default:
      return [];
  }
}

export async function loadWorldOutline(): Promise<WorldOutline> {
  const { default: topology } = (await import('world-atlas/countries-110m.json')) as unknown as {
    default: WorldTopology;
  };
  const objects = topology.objects as Record<string, Parameters<typeof mesh>[1]>;
  const land = objects.land;
  const countries = objects.countries;
  if (!land || !countries) throw new Error('world-atlas countries-110m has no land or countries');
  const landFeature = feature(topology, land) as
    | { type: 'Feature'; geometry: Geometry | null }
    | { type: 'FeatureCollection'; features: { geometry: Geometry | null }[] };
  const landGeometries =
    landFeature.type === 'FeatureCollection'
      ? landFeature.features.map((f) => f.geometry)
      : [landFeature.geometry];
  return {
    land: landGeometries.flatMap(ringsOf),
    borders: ringsOf(mesh(topology, countries, (a, b) => a !== b) as Geometry),
  };
}

export const worldOutlineQuery = queryOptions({
  queryKey: ['images', 'world-outline'] as const,
  queryFn: loadWorldOutline,
  staleTime: Infinity,
  gcTime: Infinity,
  // A missing chunk after a deploy does not come back by retrying.
  retry: 1,
  meta: { toastOnBackgroundError: false },
});
