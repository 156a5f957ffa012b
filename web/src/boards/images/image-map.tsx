import { useId, useMemo, useRef, useState, type PointerEvent } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { images } from '@lookout/server/types';
import { ChartTable } from '../../components/chart-table.tsx';
import { formatCount } from '../../lib/format-number.ts';
import {
  boxToBbox,
  circleRadius,
  compactCount,
  describeBbox,
  MAP_HEIGHT,
  MAP_WIDTH,
  pathData,
  project,
  tileToBbox,
  viewportFor,
  type Bbox,
  type Point,
} from './map-geometry.ts';
import { worldOutlineQuery } from './world-outline.ts';

export interface ImageMapProps {
  geo: images.ImageFacets['geo'];
  bbox: Bbox | undefined;
  onSelectArea(bbox: Bbox): void;
}

type GeoArea = images.ImageFacets['geo'][number];

interface Drag {
  start: Point;
  end: Point;
  /** The circle the press started on: a click without a drag zooms to its tile. */
  tile: string | undefined;
}

/** The shipped outline is 1:110m: narrower views than this get a word about its precision. */
const COARSE_BELOW_DEGREES = 30;

/** A box drawn within this many SVG pixels is a click. */
const CLICK_SLOP = 4;

function svgPoint(svg: SVGSVGElement, event: PointerEvent): Point {
  const rect = svg.getBoundingClientRect();
  if (rect.width === 0 || rect.height === 0) return { x: 0, y: 0 };
  return {
    x: Math.min(MAP_WIDTH, Math.max(0, ((event.clientX - rect.left) / rect.width) * MAP_WIDTH)),
    y: Math.min(MAP_HEIGHT, Math.max(0, ((event.clientY - rect.top) / rect.height) * MAP_HEIGHT)),
  };
}

function inside(bbox: Bbox, lon: number, lat: number): boolean {
  const inLon =
    bbox.minLon <= bbox.maxLon
      ? lon >= bbox.minLon && lon <= bbox.maxLon
      : lon >= bbox.minLon || lon <= bbox.maxLon;
  return inLon && lat >= bbox.minLat && lat <= bbox.maxLat;
}

/**
 * Images per area on a world outline shipped with the app (no tile server): a circle per geo
 * facet tile at the centroid of its images, its area proportional to the count. Dragging a box
 * selects an area (`bbox`); with an area selected the map shows it and its surroundings, and the
 * circles outside it (images the other filters match, but not the area) are grey.
 */
export function ImageMap({ geo, bbox, onSelectArea }: ImageMapProps) {
  const captionId = useId();
  const clipId = useId();
  const svgRef = useRef<SVGSVGElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const view = useMemo(() => viewportFor(bbox), [bbox]);
  const outline = useQuery(worldOutlineQuery);

  const paths = useMemo(
    () =>
      outline.data && {
        land: pathData(view, outline.data.land, true),
        borders: pathData(view, outline.data.borders, false),
      },
    [outline.data, view],
  );

  const max = Math.max(0, ...geo.map((area) => area.count));
  const circles = geo
    .map((area) => {
      const { x, y } = project(view, area.lon, area.lat);
      return { ...area, x, y, r: circleRadius(area.count, max) };
    })
    .filter((c) => c.x >= -c.r && c.x <= MAP_WIDTH + c.r && c.y >= -c.r && c.y <= MAP_HEIGHT + c.r)
    // Small circles on top, so a busy neighbour never hides them.
    .sort((a, b) => b.count - a.count);
  const labelled = labelPlaces(circles);

  const selection = bbox && bbox.minLon <= bbox.maxLon ? boxPixels(view, bbox) : undefined;

  const onPointerDown = (event: PointerEvent<SVGSVGElement>) => {
    if (event.button !== 0 || !svgRef.current) return;
    const point = svgPoint(svgRef.current, event);
    try {
      svgRef.current.setPointerCapture(event.pointerId);
    } catch {
      // Not every environment captures pointers (tests); the drag still works inside the map.
    }
    const target = event.target as Element;
    setDrag({ start: point, end: point, tile: target.getAttribute('data-tile') ?? undefined });
  };
  const onPointerMove = (event: PointerEvent<SVGSVGElement>) => {
    if (!drag || !svgRef.current) return;
    setDrag({ ...drag, end: svgPoint(svgRef.current, event) });
  };
  const onPointerUp = (event: PointerEvent<SVGSVGElement>) => {
    if (!drag || !svgRef.current) return;
    const end = svgPoint(svgRef.current, event);
    setDrag(null);
    const area = boxToBbox(view, drag.start, end, CLICK_SLOP);
    if (area) onSelectArea(area);
    else if (drag.tile) {
      const tileArea = tileToBbox(drag.tile);
      if (tileArea) onSelectArea(tileArea);
    }
  };

  const dragBox = drag && {
    x: Math.min(drag.start.x, drag.end.x),
    y: Math.min(drag.start.y, drag.end.y),
    width: Math.abs(drag.end.x - drag.start.x),
    height: Math.abs(drag.end.y - drag.start.y),
  };

  return (
    <figure className="images-map">
      <svg
        ref={svgRef}
        role="img"
        aria-label="Image locations map"
        aria-describedby={captionId}
        viewBox={`0 0 ${MAP_WIDTH} ${MAP_HEIGHT}`}
        className={drag ? 'images-map-svg images-map-dragging' : 'images-map-svg'}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => setDrag(null)}
      >
        <defs>
          <clipPath id={clipId}>
            <rect width={MAP_WIDTH} height={MAP_HEIGHT} />
          </clipPath>
        </defs>
        <g clipPath={`url(#${clipId})`}>
          <rect className="images-map-sea" width={MAP_WIDTH} height={MAP_HEIGHT} />
          {paths && (
            <>
              <path className="images-map-land" d={paths.land} />
              <path className="images-map-borders" d={paths.borders} />
            </>
          )}
          {selection && <rect className="images-map-selection" {...selection} />}
          {circles.map((c) => {
            const outside = bbox !== undefined && !inside(bbox, c.lon, c.lat);
            return (
              <g key={c.tile} className={outside ? 'images-map-area images-map-outside' : 'images-map-area'}>
                <circle cx={c.x} cy={c.y} r={c.r} data-tile={c.tile}>
                  <title>
                    {`${formatCount(c.count)} images around ${c.lat.toFixed(2)}°, ${c.lon.toFixed(2)}°` +
                      (outside ? ' (outside the selected area)' : ' — click to zoom in')}
                  </title>
                </circle>
              </g>
            );
          })}
          {/* Above every circle: a small circle drawn over a big one must not hide its count. */}
          <g className="images-map-labels" aria-hidden="true">
            {circles
              .filter((c) => labelled.has(c.tile))
              .map((c) => (
                <text key={c.tile} x={c.x} y={c.y} dy="0.35em" textAnchor="middle">
                  {compactCount(c.count)}
                </text>
              ))}
          </g>
          {dragBox && <rect className="images-map-drag" {...dragBox} />}
        </g>
      </svg>
      <figcaption id={captionId} className="images-map-caption">
        {outline.isError && <span className="images-error">World outline could not be loaded. </span>}
        Drag a box to show only the images in it; click a circle to zoom to its area.{' '}
        {max > 0 && <>Circle area ∝ images (largest: {formatCount(max)}).</>}
        {bbox && <> Grey circles are outside the selected area.</>}
        {view.east - view.west < COARSE_BELOW_DEGREES && (
          <> Coasts and borders are approximate this close (a 1:110m world outline).</>
        )}
      </figcaption>
      <ChartTable
        caption="Images per area"
        columns={[
          { label: 'Area (lat, lon)', cell: (area) => `${area.lat.toFixed(2)}°, ${area.lon.toFixed(2)}°` },
          { label: 'Images', numeric: true, cell: (area) => formatCount(area.count) },
          ...(bbox
            ? [
                {
                  label: 'In the selected area',
                  cell: (area: GeoArea) => (inside(bbox, area.lon, area.lat) ? 'yes' : 'no'),
                },
              ]
            : []),
        ]}
        rows={[...geo].sort((a, b) => b.count - a.count)}
        rowKey={(area) => area.tile}
      />
    </figure>
  );
}

/** Circles this large carry their count; a label too close to a busier one's is left out. */
const LABEL_RADIUS = 13;
const LABEL_SPACING = 30;

function labelPlaces(circles: readonly { tile: string; x: number; y: number; r: number }[]): Set<string> {
  const placed: { x: number; y: number }[] = [];
  const tiles = new Set<string>();
  for (const c of circles) {
    if (c.r < LABEL_RADIUS) continue;
    if (placed.some((p) => Math.hypot(p.x - c.x, p.y - c.y) < LABEL_SPACING)) continue;
    placed.push(c);
    tiles.add(c.tile);
  }
  return tiles;
}

function boxPixels(view: ReturnType<typeof viewportFor>, bbox: Bbox) {
  const topLeft = project(view, bbox.minLon, bbox.maxLat);
  const bottomRight = project(view, bbox.maxLon, bbox.minLat);
  return {
    x: topLeft.x,
    y: topLeft.y,
    width: bottomRight.x - topLeft.x,
    height: bottomRight.y - topLeft.y,
  };
}

/** "Area: 35°N–55°N, 10°W–30°E" with the button that takes it away. */
export function AreaSummary({ bbox, onClear }: { bbox: Bbox | undefined; onClear(): void }) {
  if (!bbox) return <span className="hint">Whole world</span>;
  return (
    <span className="images-area">
      <span>Area: {describeBbox(bbox)}</span>
      <button type="button" onClick={onClear}>
        Clear area
      </button>
    </span>
  );
}
