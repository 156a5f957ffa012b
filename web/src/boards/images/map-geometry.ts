// The image map's arithmetic, kept pure so its numbers can be checked by hand. The map is an
// equirectangular projection (longitude and latitude straight onto x and y) in a fixed 960×400
// SVG: the world from 85°N to 65°S (no hotels further south) at 2⅔ px per degree, or, with an
// area selected, that area and its surroundings with longitude squeezed by cos(latitude) so
// that shapes stay recognisable.

export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 400;

/** An area in degrees, in the order of the `bbox` parameter (GeoJSON: west, south, east, north). */
export interface Bbox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/** The part of the world the map shows; `MAP_WIDTH`×`MAP_HEIGHT` pixels are stretched over it. */
export interface Viewport {
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface Point {
  x: number;
  y: number;
}

export const WORLD: Viewport = { west: -180, south: -65, east: 180, north: 85 };

export function project(view: Viewport, lon: number, lat: number): Point {
  return {
    x: ((lon - view.west) / (view.east - view.west)) * MAP_WIDTH,
    y: ((view.north - lat) / (view.north - view.south)) * MAP_HEIGHT,
  };
}

export function unproject(view: Viewport, point: Point): { lon: number; lat: number } {
  return {
    lon: view.west + (point.x / MAP_WIDTH) * (view.east - view.west),
    lat: view.north - (point.y / MAP_HEIGHT) * (view.north - view.south),
  };
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * Decimals that keep a bbox short in the URL yet exact enough for what the map can show: about a
 * thousandth of the visible width (2 decimals on the world map, 4 for a city).
 */
export function bboxDecimals(view: Viewport): number {
  const degreesPerPixel = (view.east - view.west) / MAP_WIDTH;
  return clamp(Math.ceil(-Math.log10(degreesPerPixel)) + 1, 0, 6);
}

/**
 * The area between two corners of a box dragged on the map (in SVG pixels, any order), inside
 * the world; null when the box is too thin to mean anything (a click, or a slip of the mouse).
 */
export function boxToBbox(view: Viewport, a: Point, b: Point, minPixels = 4): Bbox | null {
  if (Math.abs(a.x - b.x) < minPixels || Math.abs(a.y - b.y) < minPixels) return null;
  const corner1 = unproject(view, a);
  const corner2 = unproject(view, b);
  const decimals = bboxDecimals(view);
  const round = (value: number) => Number(value.toFixed(decimals));
  const bbox = {
    minLon: round(clamp(Math.min(corner1.lon, corner2.lon), -180, 180)),
    minLat: round(clamp(Math.min(corner1.lat, corner2.lat), -90, 90)),
    maxLon: round(clamp(Math.max(corner1.lon, corner2.lon), -180, 180)),
    maxLat: round(clamp(Math.max(corner1.lat, corner2.lat), -90, 90)),
  };
  return bbox.minLon < bbox.maxLon && bbox.minLat < bbox.maxLat ? bbox : null;
}

/** `minLon,minLat,maxLon,maxLat`, the `bbox` parameter. */
export function formatBbox(bbox: Bbox): string {
  return [bbox.minLon, bbox.minLat, bbox.maxLon, bbox.maxLat].join(',');
}

/**
 * Reads a `bbox` parameter as the server does; null when it is not four numbers in range with
 * south below north. A west edge east of the east edge (crossing the antimeridian) is valid.
 */
export function parseBbox(text: string): Bbox | null {
  const parts = text.split(',');
  if (parts.length !== 4 || parts.some((part) => !/^\s*-?\d+(\.\d+)?\s*$/.test(part))) return null;
  const [minLon, minLat, maxLon, maxLat] = parts.map(Number) as [number, number, number, number];
  if ([minLon, maxLon].some((lon) => lon < -180 || lon > 180)) return null;
  if ([minLat, maxLat].some((lat) => lat < -90 || lat > 90)) return null;
  if (minLat >= maxLat || minLon === maxLon) return null;
  return { minLon, minLat, maxLon, maxLat };
}

/** `2.11°E … 41.41°N` style text for a box, as a person reads coordinates. */
export function describeBbox(bbox: Bbox): string {
  const lon = (value: number) => `${Math.abs(value)}°${value < 0 ? 'W' : 'E'}`;
  const lat = (value: number) => `${Math.abs(value)}°${value < 0 ? 'S' : 'N'}`;
  return `${lat(bbox.minLat)}–${lat(bbox.maxLat)}, ${lon(bbox.minLon)}–${lon(bbox.maxLon)}`;
}

/**
 * What the map shows for a selected area: the area and one area-width around it (the part of the
 * world the server's geo facet tiles), widened to the map's 2:1 shape and kept inside the world.
 * No area, an area across the antimeridian, or one too large to zoom on: the whole world.
 */
export function viewportFor(bbox: Bbox | undefined): Viewport {
  if (!bbox || bbox.minLon > bbox.maxLon) return WORLD;
  const width = bbox.maxLon - bbox.minLon;
  const height = bbox.maxLat - bbox.minLat;
  if (width * 3 >= 360) return WORLD;
  let west = bbox.minLon - width;
  let east = bbox.maxLon + width;
  let south = bbox.minLat - height;
  let north = bbox.maxLat + height;

  // One degree of longitude is cos(latitude) as wide on the ground as one of latitude.
  const middle = clamp((south + north) / 2, -80, 80);
  const squeeze = Math.cos((middle * Math.PI) / 180);
  const aspect = MAP_WIDTH / MAP_HEIGHT;
  const groundWidth = (east - west) * squeeze;
  if (groundWidth / (north - south) > aspect) {
    const grow = (groundWidth / aspect - (north - south)) / 2;
    south -= grow;
    north += grow;
  } else {
    const grow = (((north - south) * aspect) / squeeze - (east - west)) / 2;
    west -= grow;
    east += grow;
  }
  if (east - west >= WORLD.east - WORLD.west || north - south >= WORLD.north - WORLD.south) return WORLD;
  // Slide back inside the world rather than shrink, so the shape stays the same.
  const shiftLon = west < -180 ? -180 - west : east > 180 ? 180 - east : 0;
  const shiftLat = south < -90 ? -90 - south : north > 90 ? 90 - north : 0;
  return { west: west + shiftLon, east: east + shiftLon, south: south + shiftLat, north: north + shiftLat };
}

/**
 * The area of a `zoom/x/y` web map tile (the geo facet's `tile`): what a click on a circle zooms
 * to. Tiles use the Web Mercator grid, so their latitudes are not evenly spaced.
 */
export function tileToBbox(tile: string): Bbox | null {
  const match = /^(\d+)\/(\d+)\/(\d+)$/.exec(tile);
  if (!match) return null;
  const [zoom, x, y] = match.slice(1).map(Number) as [number, number, number];
  const n = 2 ** zoom;
  if (x >= n || y >= n) return null;
  const lon = (column: number) => (column / n) * 360 - 180;
  const lat = (row: number) => (Math.atan(Math.sinh(Math.PI * (1 - (2 * row) / n))) * 180) / Math.PI;
  const round = (value: number) => Number(value.toFixed(4));
  return {
    minLon: round(lon(x)),
    minLat: round(lat(y + 1)),
    maxLon: round(lon(x + 1)),
    maxLat: round(lat(y)),
  };
}

/** Radius of a circle for `count` images when the busiest area has `max`: area ∝ count. */
export function circleRadius(count: number, max: number, smallest = 3, largest = 26): number {
  if (max <= 0 || count <= 0) return 0;
  return smallest + (largest - smallest) * Math.sqrt(Math.min(count, max) / max);
}

type Position = readonly number[];

/**
 * A land ring that crosses the antimeridian (Russia's far east, Fiji, Antarctica) jumps from
 * 180° to -180° and would streak across the whole map. Its longitudes are made continuous
 * (179, 181, …) and the ring is drawn again 360° to the other side, so each half shows at its
 * edge of the map. A ring that goes once around a pole (Antarctica) is closed along the pole.
 */
export function wrapRing(ring: readonly Position[]): Position[][] {
  let offset = 0;
  const unwrapped: Position[] = ring.map((position, index) => {
    const lon = position[0] ?? 0;
    const previous = ring[index - 1]?.[0];
    if (previous !== undefined && lon - previous > 180) offset -= 360;
    else if (previous !== undefined && lon - previous < -180) offset += 360;
    return [lon + offset, position[1] ?? 0];
  });
  if (offset !== 0 && unwrapped.length > 0) {
    const meanLat = unwrapped.reduce((sum, p) => sum + (p[1] ?? 0), 0) / unwrapped.length;
    const pole = meanLat < 0 ? -90 : 90;
    unwrapped.push([unwrapped.at(-1)?.[0] ?? 0, pole], [unwrapped[0]?.[0] ?? 0, pole]);
  }
  const lons = unwrapped.map((p) => p[0] ?? 0);
  const rings = [unwrapped];
  if (Math.max(...lons) > 180) rings.push(unwrapped.map(([lon = 0, lat = 0]) => [lon - 360, lat]));
  if (Math.min(...lons) < -180) rings.push(unwrapped.map(([lon = 0, lat = 0]) => [lon + 360, lat]));
  return rings;
}

/** A line (a border) broken where it crosses the antimeridian, instead of crossing the map. */
export function splitLine(line: readonly Position[]): Position[][] {
  const parts: Position[][] = [[]];
  line.forEach((position, index) => {
    const previous = line[index - 1]?.[0];
    if (previous !== undefined && Math.abs((position[0] ?? 0) - previous) > 180) parts.push([]);
    parts.at(-1)?.push(position);
  });
  return parts.filter((part) => part.length > 1);
}

/**
 * SVG path data for polygon rings or lines given as [lon, lat] positions, rounded to 0.1 px.
 * `close` reads them as land rings, ended with Z; otherwise as open lines (borders).
 */
export function pathData(view: Viewport, shapes: readonly (readonly Position[])[], close: boolean): string {
  const out: string[] = [];
  const lines = shapes.flatMap((shape) => (close ? wrapRing(shape) : splitLine(shape)));
  for (const line of lines) {
    let previous = '';
    line.forEach((position, index) => {
      const { x, y } = project(view, position[0] ?? 0, position[1] ?? 0);
      const xy = `${Math.round(x * 10) / 10},${Math.round(y * 10) / 10}`;
      if (xy === previous) return;
      out.push(`${index === 0 ? 'M' : 'L'}${xy}`);
      previous = xy;
    });
    if (close && line.length > 0) out.push('Z');
  }
  return out.join('');
}

/** A compact count for a circle's label: 987, 1.2k, 15k, 1.3M. */
export function compactCount(count: number): string {
  if (count < 1_000) return String(count);
  if (count < 10_000) return `${(Math.floor(count / 100) / 10).toString()}k`;
  if (count < 1_000_000) return `${Math.floor(count / 1_000)}k`;
  return `${(Math.floor(count / 100_000) / 10).toString()}M`;
}
