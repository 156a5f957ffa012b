import { writeFile } from 'node:fs/promises';

/**
 * Twelve hand-countable hotel images in the producer's NDJSON format, for the endpoint tests and
 * the golden fixtures. Three hotels: Harbour Inn in Lisbon (img-01…04), Park Hotel in Paris
 * (img-05…08), Bay Resort in Sydney (img-09…12). The minimum score is 0.6.
 *
 * | image  | size      | orientation | labels            | Vision tags (score)                                |
 * |--------|-----------|-------------|-------------------|----------------------------------------------------|
 * | img-01 | 4032×3024 | landscape   | guestroom         | bed .95, room .9, property .55                     |
 * | img-02 | 3024×4032 | portrait    | guestroom         | bed .7, room .65                                   |
 * | img-03 | 1920×1080 | landscape   | pool              | swimming pool .97, water .9, room .5               |
 * | img-04 | 800×600   | landscape   | bathroom          | bathroom .93, room .8                              |
 * | img-05 | 2048×2048 | square      | guestroom, hero   | property .85, bed .62, room .58                    |
 * | img-06 | 1080×1920 | portrait    | lobby             | lobby .9, property .8                              |
 * | img-07 | 4032×3024 | landscape   | —                 | building .96, sky .9 (+ landmark Eiffel Tower)     |
 * | img-08 | 800×600   | landscape   | —                 | Vision error 3 "Bad image data."                   |
 * | img-09 | 4032×3024 | landscape   | pool              | swimming pool .99, beach .75, bed .4               |
 * | img-10 | 1920×1080 | landscape   | beach             | beach .98, sky .95, water .92                      |
 * | img-11 | 6000×4000 | landscape   | guestroom         | bed .91, room .88, swimming pool .61               |
 * | img-12 | 1080×1080 | square      | —                 | bed .88; no location, placed by its landmark       |
 *
 * Counted at 0.6: bed 5 (01 02 05 11 12), room 4 (01 02 04 11), swimming pool 3, property 2,
 * water 2, sky 2, beach 2, bathroom 1, lobby 1, building 1.
 */
export const MIN_SCORE = '0.6';
export const INGESTED_AT = new Date('2026-11-20T12:00:00.000Z');

export const LISBON = { lat: 38.7223, lon: -9.1393 };
export const PARIS = { lat: 48.8566, lon: 2.3522 };
export const SYDNEY = { lat: -33.8688, lon: 151.2093 };
export const OPERA_HOUSE = { lat: -33.8568, lon: 151.2153 };

/** `minLon,minLat,maxLon,maxLat` boxes around the hotels. */
export const BOXES = {
  lisbon: '-9.3,38.6,-9.0,38.8',
  europe: '-10,35,20,60',
  iberia: '-12,34,-4,44',
  sydney: '150,-35,152,-33',
};

const HOTELS = {
  lisbon: { hotelId: 'htl-lisbon', hotelName: 'Harbour Inn', location: LISBON },
  paris: { hotelId: 'htl-paris', hotelName: 'Park Hotel', location: PARIS },
  sydney: { hotelId: 'htl-sydney', hotelName: 'Bay Resort', location: SYDNEY },
};

type Tags = Array<[string, number]>;

function labelAnnotations(tags: Tags) {
  return tags.map(([description, score], n) => ({
    mid: `/m/test${n}`,
    // Vision writes descriptions capitalised; Lookout stores them lower-cased.
    description: description.charAt(0).toUpperCase() + description.slice(1),
    score,
    topicality: score,
  }));
}

function image(
  n: number,
  hotel: keyof typeof HOTELS,
  [width, height]: [number, number],
  labels: string[],
  vision: Record<string, unknown>,
  withLocation = true,
) {
  const imageId = `img-${String(n).padStart(2, '0')}`;
  const { location, ...about } = HOTELS[hotel];
  return {
    imageId,
    ...about,
    url: `https://images.example.org/${imageId}.jpg`,
    width,
    height,
    ...(withLocation ? { location } : {}),
    ...(labels.length > 0 ? { labels } : {}),
    vision,
  };
}

const tagged = (tags: Tags, extra: Record<string, unknown> = {}) => ({
  labelAnnotations: labelAnnotations(tags),
  ...extra,
});

export function handCountedImages() {
  return [
    image(
      1,
      'lisbon',
      [4032, 3024],
      ['guestroom'],
      tagged([
        ['bed', 0.95],
        ['room', 0.9],
        ['property', 0.55],
      ]),
    ),
    image(
      2,
      'lisbon',
      [3024, 4032],
      ['guestroom'],
      tagged([
        ['bed', 0.7],
        ['room', 0.65],
      ]),
    ),
    image(
      3,
      'lisbon',
      [1920, 1080],
      ['pool'],
      tagged([
        ['swimming pool', 0.97],
        ['water', 0.9],
        ['room', 0.5],
      ]),
    ),
    image(
      4,
      'lisbon',
      [800, 600],
      ['bathroom'],
      tagged([
        ['bathroom', 0.93],
        ['room', 0.8],
      ]),
    ),
    image(
      5,
      'paris',
      [2048, 2048],
      ['guestroom', 'hero'],
      tagged([
        ['property', 0.85],
        ['bed', 0.62],
        ['room', 0.58],
      ]),
    ),
    image(
      6,
      'paris',
      [1080, 1920],
      ['lobby'],
      tagged([
        ['lobby', 0.9],
        ['property', 0.8],
      ]),
    ),
    image(
      7,
      'paris',
      [4032, 3024],
      [],
      tagged(
        [
          ['building', 0.96],
          ['sky', 0.9],
        ],
        {
          landmarkAnnotations: [
            {
              mid: '/m/02j81',
              description: 'Eiffel Tower',
              score: 0.81,
              locations: [{ latLng: { latitude: 48.8584, longitude: 2.2945 } }],
            },
          ],
        },
      ),
    ),
    image(8, 'paris', [800, 600], [], { error: { code: 3, message: 'Bad image data.' } }),
    image(
      9,
      'sydney',
      [4032, 3024],
      ['pool'],
      tagged([
        ['swimming pool', 0.99],
        ['beach', 0.75],
        ['bed', 0.4],
      ]),
    ),
    image(
      10,
      'sydney',
      [1920, 1080],
      ['beach'],
      tagged([
        ['beach', 0.98],
        ['sky', 0.95],
        ['water', 0.92],
      ]),
    ),
    image(
      11,
      'sydney',
      [6000, 4000],
      ['guestroom'],
      tagged([
        ['bed', 0.91],
        ['room', 0.88],
        ['swimming pool', 0.61],
      ]),
    ),
    image(
      12,
      'sydney',
      [1080, 1080],
      [],
      tagged([['bed', 0.88]], {
        landmarkAnnotations: [
          {
            mid: '/m/06_nm',
            description: 'Sydney Opera House',
            score: 0.7,
            locations: [{ latLng: { latitude: OPERA_HOUSE.lat, longitude: OPERA_HOUSE.lon } }],
          },
        ],
      }),
      false,
    ),
  ];
}

export async function writeNdjson(file: string, lines: Array<unknown | string>): Promise<string> {
  await writeFile(
    file,
    lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n',
  );
  return file;
}
