import { describe, expect, it } from 'vitest';
import {
  bboxDecimals,
  boxToBbox,
  circleRadius,
  compactCount,
  describeBbox,
  formatBbox,
  MAP_HEIGHT,
  MAP_WIDTH,
  parseBbox,
  pathData,
  project,
  splitLine,
  tileToBbox,
  unproject,
  viewportFor,
  WORLD,
  wrapRing,
} from './map-geometry.ts';

// The world map is 960×400 px for 360° of longitude and 150° of latitude (85°N to 65°S):
// 2⅔ px per degree either way.

describe('the world map projection', () => {
  it('puts the corners of the world view on the corners of the map', () => {
    expect(project(WORLD, -180, 85)).toEqual({ x: 0, y: 0 });
    expect(project(WORLD, 180, -65)).toEqual({ x: 960, y: 400 });
  });

  it('puts 0°, 0° at the middle of the width, 85 degrees (226⅔ px) from the top', () => {
    const { x, y } = project(WORLD, 0, 0);
    expect(x).toBe(480);
    expect(y).toBeCloseTo(226.667, 3);
  });

  it('puts London (51.5072°N, 0.1276°W) just left of the middle, 89.3 px down', () => {
    const { x, y } = project(WORLD, -0.1276, 51.5072);
    expect(x).toBeCloseTo(479.66, 2);
    expect(y).toBeCloseTo(89.31, 2);
  });

  it('turns a pixel back into the same degrees', () => {
    const point = project(WORLD, 151.2093, -33.8688);
    const back = unproject(WORLD, point);
    expect(back.lon).toBeCloseTo(151.2093, 9);
    expect(back.lat).toBeCloseTo(-33.8688, 9);
  });
});

describe('a box dragged on the map', () => {
  it('becomes minLon,minLat,maxLon,maxLat with 2 decimals on the world map', () => {
    // 80 px right of the middle is 30°E; 100 px down is 85 − 37.5 = 47.5°N; 160 px is 25°N.
    const bbox = boxToBbox(WORLD, { x: 480, y: 100 }, { x: 560, y: 160 });
    expect(bbox).toEqual({ minLon: 0, minLat: 25, maxLon: 30, maxLat: 47.5 });
    expect(formatBbox(bbox!)).toBe('0,25,30,47.5');
  });

  it('gives the same area whichever corner the drag started from', () => {
    expect(boxToBbox(WORLD, { x: 560, y: 160 }, { x: 480, y: 100 })).toEqual(
      boxToBbox(WORLD, { x: 480, y: 100 }, { x: 560, y: 160 }),
    );
  });

  it('rounds to what a pixel can mean: 0.375° a pixel on the world map', () => {
    // x = 101 → -180 + 101 × 0.375 = -142.125 → -142.13
    const bbox = boxToBbox(WORLD, { x: 101, y: 10 }, { x: 201, y: 50 });
    expect(bbox?.minLon).toBe(-142.13);
    expect(bboxDecimals(WORLD)).toBe(2);
    expect(bboxDecimals({ west: 2.0, east: 2.5, south: 41.3, north: 41.5 })).toBe(5);
  });

  it('is no area when it is a click or a slip of a few pixels', () => {
    expect(boxToBbox(WORLD, { x: 300, y: 100 }, { x: 302, y: 180 })).toBeNull();
    expect(boxToBbox(WORLD, { x: 300, y: 100 }, { x: 400, y: 103 })).toBeNull();
  });

  it('stays inside the world when dragged to the edge', () => {
    const bbox = boxToBbox(WORLD, { x: 0, y: 0 }, { x: MAP_WIDTH, y: MAP_HEIGHT });
    expect(bbox).toEqual({ minLon: -180, minLat: -65, maxLon: 180, maxLat: 85 });
  });
});

describe('the bbox parameter', () => {
  it('reads what it writes', () => {
    const bbox = { minLon: -0.51, minLat: 51.28, maxLon: 0.33, maxLat: 51.69 };
    expect(parseBbox(formatBbox(bbox))).toEqual(bbox);
    expect(parseBbox(' -0.51, 51.28 ,0.33,51.69 ')).toEqual(bbox);
  });

  it('refuses what the server would refuse', () => {
    expect(parseBbox('london')).toBeNull();
    expect(parseBbox('1,2,3')).toBeNull();
    expect(parseBbox('-0.51,51.69,0.33,51.28')).toBeNull(); // south above north
    expect(parseBbox('-190,10,20,30')).toBeNull();
    expect(parseBbox('1e2,10,20,30')).toBeNull();
    expect(parseBbox('5,10,5,30')).toBeNull();
  });

  it('accepts a box across the antimeridian (west edge east of the east edge)', () => {
    expect(parseBbox('170,-20,-170,-10')).toEqual({ minLon: 170, minLat: -20, maxLon: -170, maxLat: -10 });
  });

  it('reads as latitudes then longitudes with their hemispheres', () => {
    expect(describeBbox({ minLon: -12, minLat: 35, maxLon: 30, maxLat: 60 })).toBe('35°N–60°N, 12°W–30°E');
  });
});

describe('what the map shows', () => {
  it('is the whole world without an area', () => {
    expect(viewportFor(undefined)).toEqual(WORLD);
  });

  it('is the area and one area-width around it, widened to the map’s shape', () => {
    const area = { minLon: 2.05, minLat: 41.3, maxLon: 2.25, maxLat: 41.5 };
    const view = viewportFor(area);
    // One width around: 1.85–2.45°E, 41.1–41.7°N; at 41.4°N a degree of longitude is 0.75 of
    // one of latitude, so 0.6° of latitude needs 0.6 × 2.4 / 0.75 = 1.92° of longitude.
    expect(view.north - view.south).toBeCloseTo(0.6, 9);
    expect(view.east - view.west).toBeCloseTo((0.6 * 2.4) / Math.cos((41.4 * Math.PI) / 180), 9);
    expect((view.west + view.east) / 2).toBeCloseTo(2.15, 9);
    const box = [project(view, area.minLon, area.maxLat), project(view, area.maxLon, area.minLat)];
    expect(box[0]!.y).toBeCloseTo(MAP_HEIGHT / 3, 6);
    expect(box[1]!.y).toBeCloseTo((MAP_HEIGHT * 2) / 3, 6);
  });

  it('slides inside the world rather than run off its edge', () => {
    const view = viewportFor({ minLon: 170, minLat: -20, maxLon: 179, maxLat: -15 });
    expect(view.east).toBe(180);
    expect(view.west).toBeGreaterThan(-180);
  });

  it('is the whole world for a large area, or one across the antimeridian', () => {
    expect(viewportFor({ minLon: -100, minLat: -10, maxLon: 30, maxLat: 10 })).toEqual(WORLD);
    expect(viewportFor({ minLon: 170, minLat: -20, maxLon: -170, maxLat: -10 })).toEqual(WORLD);
  });
});

describe('geo facet tiles and circles', () => {
  it('gives the area of a zoom/x/y tile, Web Mercator latitudes', () => {
    expect(tileToBbox('0/0/0')).toEqual({ minLon: -180, minLat: -85.0511, maxLon: 180, maxLat: 85.0511 });
    // Zoom 3: 45° columns; row 2 runs from 66.5°N down to 41.0°N (western Europe).
    expect(tileToBbox('3/4/2')).toEqual({ minLon: 0, minLat: 40.9799, maxLon: 45, maxLat: 66.5133 });
    expect(tileToBbox('3/8/0')).toBeNull();
    expect(tileToBbox('three')).toBeNull();
  });

  it('sizes circles by area: a quarter of the busiest count gets half the extra radius', () => {
    expect(circleRadius(6990, 6990)).toBe(26);
    expect(circleRadius(6990 / 4, 6990)).toBe(3 + 23 / 2);
    expect(circleRadius(0, 6990)).toBe(0);
  });

  it('labels big circles with short counts', () => {
    expect(compactCount(987)).toBe('987');
    expect(compactCount(6990)).toBe('6.9k');
    expect(compactCount(15_284)).toBe('15k');
    expect(compactCount(1_320_000)).toBe('1.3M');
  });
});

describe('the world outline', () => {
  it('draws Fiji across the antimeridian at both edges instead of a streak across the map', () => {
    const fiji = [
      [179, -16],
      [-179, -16],
      [-179, -17],
      [179, -17],
      [179, -16],
    ];
    expect(wrapRing(fiji)).toEqual([
      [
        [179, -16],
        [181, -16],
        [181, -17],
        [179, -17],
        [179, -16],
      ],
      [
        [-181, -16],
        [-179, -16],
        [-179, -17],
        [-181, -17],
        [-181, -16],
      ],
    ]);
  });

  it('closes a ring around the South Pole along the pole', () => {
    const antarctica = [
      [-180, -80],
      [0, -70],
      [180, -80],
      [-180, -80],
    ];
    const [ring] = wrapRing(antarctica);
    expect(ring?.slice(-2)).toEqual([
      [180, -90],
      [-180, -90],
    ]);
  });

  it('breaks a border where it crosses the antimeridian', () => {
    expect(
      splitLine([
        [178, 65],
        [179.9, 66],
        [-179.9, 66],
        [-178, 67],
      ]),
    ).toEqual([
      [
        [178, 65],
        [179.9, 66],
      ],
      [
        [-179.9, 66],
        [-178, 67],
      ],
    ]);
  });

  it('writes SVG path data in map pixels', () => {
    expect(
      pathData(
        WORLD,
        [
          [
            [0, 0],
            [30, 0],
            [30, 30],
            [0, 0],
          ],
        ],
        true,
      ),
    ).toBe('M480,226.7L560,226.7L560,146.7L480,226.7Z');
  });
});
