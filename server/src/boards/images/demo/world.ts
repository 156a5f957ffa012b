/**
 * The demo's world: real cities, the kinds of photo hotels publish, the labels Google Cloud
 * Vision gives each kind (descriptions as Vision writes them, with the probability that a photo
 * of that kind gets the label and the score range it gets), common camera sizes, Vision errors.
 */

/** Images and hotels at scale 1. */
export const DEMO_IMAGES = 100_000;
export const DEMO_HOTELS = 2_000;
/** Share of images whose Vision request failed (stored with the error, without tags). */
export const VISION_ERROR_RATE = 0.001;

export interface City {
  name: string;
  lat: number;
  lon: number;
  /** Relative number of hotels. */
  weight: number;
  /** Seaside: resorts, pools and beaches are frequent. */
  beach: boolean;
  landmark?: { description: string; lat: number; lon: number };
}

const city = (
  name: string,
  lat: number,
  lon: number,
  weight: number,
  beach = false,
  landmark?: [string, number, number],
): City => ({
  name,
  lat,
  lon,
  weight,
  beach,
  ...(landmark ? { landmark: { description: landmark[0], lat: landmark[1], lon: landmark[2] } } : {}),
});

export const CITIES: readonly City[] = [
  city('London', 51.5074, -0.1278, 9, false, ['Tower Bridge', 51.5055, -0.0754]),
  city('Paris', 48.8566, 2.3522, 9, false, ['Eiffel Tower', 48.8584, 2.2945]),
  city('Barcelona', 41.3874, 2.1686, 6, true, ['Sagrada Família', 41.4036, 2.1744]),
  city('Madrid', 40.4168, -3.7038, 5),
  city('Lisbon', 38.7223, -9.1393, 4, true),
  city('Rome', 41.9028, 12.4964, 7, false, ['Colosseum', 41.8902, 12.4922]),
  city('Milan', 45.4642, 9.19, 4),
  city('Berlin', 52.52, 13.405, 5, false, ['Brandenburg Gate', 52.5163, 13.3777]),
  city('Munich', 48.1351, 11.582, 3),
  city('Amsterdam', 52.3676, 4.9041, 5),
  city('Vienna', 48.2082, 16.3738, 3),
  city('Prague', 50.0755, 14.4378, 3),
  city('Istanbul', 41.0082, 28.9784, 5, true, ['Hagia Sophia', 41.0086, 28.9802]),
  city('Athens', 37.9838, 23.7275, 3, true, ['Acropolis of Athens', 37.9715, 23.7257]),
  city('Dubai', 25.2048, 55.2708, 6, true, ['Burj Khalifa', 25.1972, 55.2744]),
  city('Cairo', 30.0444, 31.2357, 2),
  city('Marrakesh', 31.6295, -7.9811, 2),
  city('Cape Town', -33.9249, 18.4241, 2, true),
  city('New York', 40.7128, -74.006, 9, false, ['Empire State Building', 40.7484, -73.9857]),
  city('Miami', 25.7617, -80.1918, 5, true),
  city('Los Angeles', 34.0522, -118.2437, 5, true),
  city('San Francisco', 37.7749, -122.4194, 4, false, ['Golden Gate Bridge', 37.8199, -122.4783]),
  city('Las Vegas', 36.1699, -115.1398, 4),
  city('Chicago', 41.8781, -87.6298, 3),
  city('Toronto', 43.6532, -79.3832, 3),
  city('Mexico City', 19.4326, -99.1332, 3),
  city('Cancún', 21.1619, -86.8515, 4, true),
  city('Rio de Janeiro', -22.9068, -43.1729, 3, true, ['Christ the Redeemer', -22.9519, -43.2105]),
  city('Buenos Aires', -34.6037, -58.3816, 2),
  city('Tokyo', 35.6762, 139.6503, 7, false, ['Tokyo Tower', 35.6586, 139.7454]),
  city('Kyoto', 35.0116, 135.7681, 2),
  city('Seoul', 37.5665, 126.978, 3),
  city('Shanghai', 31.2304, 121.4737, 3),
  city('Hong Kong', 22.3193, 114.1694, 3),
  city('Bangkok', 13.7563, 100.5018, 4),
  city('Phuket', 7.8804, 98.3923, 3, true),
  city('Singapore', 1.3521, 103.8198, 4, false, ['Marina Bay Sands', 1.2834, 103.8607]),
  city('Bali', -8.6705, 115.2126, 4, true),
  city('Sydney', -33.8688, 151.2093, 4, true, ['Sydney Opera House', -33.8568, 151.2153]),
  city('Melbourne', -37.8136, 144.9631, 2),
  city('Honolulu', 21.3069, -157.8583, 2, true),
];

export type Scene =
  | 'bedroom'
  | 'bathroom'
  | 'exterior'
  | 'pool'
  | 'beach'
  | 'lobby'
  | 'restaurant'
  | 'bar'
  | 'meeting'
  | 'gym'
  | 'spa'
  | 'view'
  | 'food';

/** Share of a hotel's photos per kind, for city hotels and for seaside resorts. */
export const SCENE_WEIGHTS: Record<'city' | 'resort', ReadonlyArray<readonly [Scene, number]>> = {
  city: [
    ['bedroom', 38],
    ['bathroom', 14],
    ['exterior', 10],
    ['lobby', 8],
    ['restaurant', 8],
    ['bar', 3],
    ['meeting', 4],
    ['gym', 3],
    ['pool', 3],
    ['view', 4],
    ['food', 3],
    ['spa', 2],
  ],
  resort: [
    ['bedroom', 28],
    ['bathroom', 10],
    ['exterior', 8],
    ['pool', 14],
    ['beach', 10],
    ['lobby', 5],
    ['restaurant', 8],
    ['bar', 4],
    ['view', 5],
    ['spa', 4],
    ['food', 3],
    ['gym', 1],
  ],
};

/** The producer's own label for each kind of photo. */
export const SCENE_LABEL: Record<Scene, string> = {
  bedroom: 'guestroom',
  bathroom: 'bathroom',
  exterior: 'exterior',
  pool: 'pool',
  beach: 'beach',
  lobby: 'lobby',
  restaurant: 'dining',
  bar: 'dining',
  meeting: 'meeting',
  gym: 'fitness',
  spa: 'spa',
  view: 'view',
  food: 'dining',
};

/** [Vision description, probability, lowest score, highest score]. */
export type LabelOdds = readonly [string, number, number, number];

export const SCENE_LABELS: Record<Scene, readonly LabelOdds[]> = {
  bedroom: [
    ['Bed', 0.97, 0.88, 0.98],
    ['Room', 0.95, 0.85, 0.95],
    ['Bedroom', 0.9, 0.82, 0.95],
    ['Property', 0.85, 0.8, 0.93],
    ['Interior design', 0.8, 0.75, 0.9],
    ['Furniture', 0.75, 0.72, 0.88],
    ['Bed frame', 0.6, 0.7, 0.88],
    ['Bed sheet', 0.55, 0.65, 0.85],
    ['Linens', 0.45, 0.6, 0.8],
    ['Hotel', 0.45, 0.6, 0.82],
    ['Window', 0.4, 0.55, 0.8],
    ['Pillow', 0.4, 0.55, 0.8],
    ['Suite', 0.35, 0.6, 0.8],
    ['Lamp', 0.35, 0.55, 0.78],
    ['Real estate', 0.5, 0.55, 0.75],
    ['Building', 0.3, 0.5, 0.59],
    ['Comfort', 0.25, 0.5, 0.7],
  ],
  bathroom: [
    ['Bathroom', 0.95, 0.9, 0.98],
    ['Plumbing fixture', 0.8, 0.8, 0.93],
    ['Room', 0.8, 0.8, 0.92],
    ['Property', 0.8, 0.8, 0.92],
    ['Tap', 0.75, 0.75, 0.9],
    ['Sink', 0.7, 0.75, 0.9],
    ['Interior design', 0.7, 0.7, 0.88],
    ['Bathroom sink', 0.6, 0.7, 0.88],
    ['Tile', 0.6, 0.6, 0.85],
    ['Mirror', 0.5, 0.6, 0.82],
    ['Bathtub', 0.4, 0.7, 0.9],
    ['Shower', 0.35, 0.65, 0.85],
    ['Toilet', 0.3, 0.65, 0.88],
    ['Towel', 0.25, 0.55, 0.75],
  ],
  exterior: [
    ['Building', 0.95, 0.88, 0.97],
    ['Sky', 0.85, 0.85, 0.96],
    ['Property', 0.8, 0.8, 0.92],
    ['Window', 0.7, 0.75, 0.9],
    ['Facade', 0.6, 0.7, 0.88],
    ['Architecture', 0.6, 0.7, 0.88],
    ['Hotel', 0.55, 0.65, 0.85],
    ['Tree', 0.55, 0.7, 0.9],
    ['Cloud', 0.45, 0.75, 0.92],
    ['Urban design', 0.4, 0.6, 0.8],
    ['Real estate', 0.4, 0.55, 0.75],
    ['Condominium', 0.35, 0.6, 0.8],
    ['Plant', 0.3, 0.6, 0.8],
  ],
  pool: [
    ['Swimming pool', 0.97, 0.9, 0.99],
    ['Water', 0.85, 0.85, 0.95],
    ['Property', 0.75, 0.8, 0.9],
    ['Resort', 0.7, 0.75, 0.92],
    ['Leisure', 0.6, 0.7, 0.88],
    ['Sky', 0.6, 0.8, 0.95],
    ['Vacation', 0.5, 0.65, 0.85],
    ['Sunlounger', 0.45, 0.65, 0.85],
    ['Azure', 0.45, 0.7, 0.9],
    ['Palm tree', 0.4, 0.7, 0.9],
    ['Tree', 0.35, 0.7, 0.88],
    ['Building', 0.35, 0.55, 0.78],
    ['Outdoor furniture', 0.3, 0.6, 0.82],
  ],
  beach: [
    ['Beach', 0.95, 0.9, 0.98],
    ['Sky', 0.9, 0.88, 0.97],
    ['Water', 0.9, 0.88, 0.96],
    ['Sea', 0.85, 0.85, 0.95],
    ['Coast', 0.75, 0.8, 0.93],
    ['Sand', 0.7, 0.78, 0.92],
    ['Ocean', 0.65, 0.8, 0.93],
    ['Shore', 0.6, 0.75, 0.9],
    ['Cloud', 0.55, 0.75, 0.9],
    ['Horizon', 0.5, 0.7, 0.88],
    ['Vacation', 0.5, 0.65, 0.85],
    ['Tropics', 0.4, 0.65, 0.85],
    ['Resort', 0.4, 0.6, 0.82],
    ['Palm tree', 0.35, 0.7, 0.9],
  ],
  lobby: [
    ['Interior design', 0.9, 0.85, 0.95],
    ['Lobby', 0.85, 0.8, 0.94],
    ['Property', 0.8, 0.8, 0.92],
    ['Ceiling', 0.6, 0.7, 0.88],
    ['Floor', 0.6, 0.7, 0.88],
    ['Flooring', 0.5, 0.65, 0.85],
    ['Chair', 0.5, 0.7, 0.88],
    ['Lighting', 0.5, 0.65, 0.85],
    ['Building', 0.5, 0.6, 0.8],
    ['Table', 0.45, 0.65, 0.85],
    ['Couch', 0.45, 0.7, 0.88],
    ['Hotel', 0.45, 0.6, 0.82],
    ['Hall', 0.4, 0.6, 0.8],
    ['Chandelier', 0.3, 0.65, 0.88],
  ],
  restaurant: [
    ['Table', 0.9, 0.85, 0.95],
    ['Restaurant', 0.85, 0.8, 0.94],
    ['Chair', 0.85, 0.85, 0.95],
    ['Furniture', 0.8, 0.8, 0.92],
    ['Interior design', 0.75, 0.75, 0.9],
    ['Tableware', 0.5, 0.65, 0.85],
    ['Room', 0.5, 0.7, 0.86],
    ['Kitchen & dining room table', 0.45, 0.65, 0.85],
    ['Ceiling', 0.4, 0.6, 0.8],
    ['Lighting', 0.4, 0.6, 0.8],
    ['Building', 0.3, 0.55, 0.75],
  ],
  bar: [
    ['Bar', 0.75, 0.7, 0.9],
    ['Interior design', 0.7, 0.7, 0.88],
    ['Drinking establishment', 0.6, 0.65, 0.85],
    ['Bottle', 0.55, 0.65, 0.85],
    ['Lighting', 0.55, 0.6, 0.82],
    ['Table', 0.5, 0.65, 0.85],
    ['Barware', 0.45, 0.6, 0.82],
    ['Alcoholic beverage', 0.45, 0.6, 0.82],
    ['Stool', 0.4, 0.6, 0.82],
    ['Nightclub', 0.2, 0.55, 0.75],
  ],
  meeting: [
    ['Table', 0.85, 0.8, 0.93],
    ['Chair', 0.85, 0.8, 0.93],
    ['Room', 0.8, 0.75, 0.9],
    ['Conference hall', 0.6, 0.6, 0.85],
    ['Interior design', 0.6, 0.65, 0.85],
    ['Ceiling', 0.45, 0.6, 0.8],
    ['Floor', 0.4, 0.6, 0.8],
    ['Office chair', 0.4, 0.6, 0.82],
    ['Event', 0.3, 0.55, 0.75],
    ['Projection screen', 0.3, 0.55, 0.78],
  ],
  gym: [
    ['Gym', 0.85, 0.8, 0.94],
    ['Physical fitness', 0.8, 0.75, 0.92],
    ['Exercise machine', 0.8, 0.78, 0.93],
    ['Exercise equipment', 0.7, 0.75, 0.9],
    ['Room', 0.6, 0.65, 0.85],
    ['Floor', 0.5, 0.6, 0.8],
    ['Treadmill', 0.45, 0.65, 0.88],
    ['Interior design', 0.45, 0.6, 0.8],
    ['Weights', 0.35, 0.6, 0.82],
  ],
  spa: [
    ['Spa', 0.7, 0.65, 0.88],
    ['Room', 0.7, 0.7, 0.88],
    ['Interior design', 0.7, 0.7, 0.88],
    ['Property', 0.6, 0.7, 0.88],
    ['Relaxation', 0.5, 0.6, 0.82],
    ['Massage', 0.4, 0.6, 0.82],
    ['Towel', 0.4, 0.6, 0.8],
    ['Candle', 0.25, 0.55, 0.75],
    ['Swimming pool', 0.2, 0.6, 0.85],
  ],
  view: [
    ['Sky', 0.95, 0.9, 0.98],
    ['Cloud', 0.8, 0.85, 0.95],
    ['City', 0.7, 0.75, 0.92],
    ['Building', 0.7, 0.75, 0.9],
    ['Cityscape', 0.6, 0.7, 0.9],
    ['Skyline', 0.55, 0.7, 0.9],
    ['Metropolitan area', 0.55, 0.7, 0.88],
    ['Skyscraper', 0.4, 0.65, 0.88],
    ['Horizon', 0.4, 0.65, 0.85],
    ['Water', 0.35, 0.65, 0.88],
    ['Tower block', 0.35, 0.6, 0.82],
    ['Balcony', 0.3, 0.6, 0.82],
  ],
  food: [
    ['Food', 0.97, 0.9, 0.98],
    ['Tableware', 0.85, 0.85, 0.95],
    ['Ingredient', 0.85, 0.85, 0.94],
    ['Recipe', 0.8, 0.8, 0.92],
    ['Dish', 0.8, 0.8, 0.92],
    ['Cuisine', 0.8, 0.8, 0.92],
    ['Plate', 0.7, 0.8, 0.92],
    ['Breakfast', 0.35, 0.6, 0.85],
    ['Drinkware', 0.35, 0.6, 0.82],
    ['Fruit', 0.3, 0.65, 0.88],
    ['Coffee cup', 0.2, 0.6, 0.82],
  ],
};

/** Weak guesses Vision adds to many photos, just above its own cut-off of 0.5. */
export const NOISE_LABELS = [
  'Rectangle',
  'Wood',
  'Fixture',
  'Tints and shades',
  'Symmetry',
  'Pattern',
  'Art',
  'Leisure',
  'Houseplant',
  'Hardwood',
  'Home',
  'Daylighting',
  'Shade',
  'Glass',
] as const;

/** Vision returns at most this many labels per image by default (`maxResults`). */
export const MAX_LABELS = 10;

/** [width, height, weight]: phone cameras, DSLRs, web exports and thumbnails. */
export const CAMERA_SIZES: ReadonlyArray<readonly [number, number, number]> = [
  [4032, 3024, 28],
  [3024, 4032, 10],
  [1920, 1080, 18],
  [1080, 1920, 5],
  [2048, 2048, 4],
  [1080, 1080, 2],
  [800, 600, 10],
  [1600, 1200, 8],
  [1280, 720, 6],
  [1024, 768, 6],
  [6000, 4000, 3],
];

/** `google.rpc.Status` values Vision returns for a single image in a batch. */
export const VISION_ERRORS = [
  { code: 3, message: 'Bad image data.' },
  { code: 3, message: 'Image processing error!' },
  { code: 13, message: 'Internal server error. Unexpected feature response.' },
] as const;

export const HOTEL_NAMES = {
  city: [
    'Grand Hotel',
    'Park Plaza',
    'The Royal',
    'City Lodge',
    'Riverside Inn',
    'Old Town Suites',
    'Skyline Hotel',
    'Garden House',
    'Central Station Hotel',
    'The Regent',
    'Boutique Hotel',
    'Metropole',
  ],
  resort: [
    'Palm Resort',
    'Ocean View',
    'Bay Resort & Spa',
    'Sunset Beach Hotel',
    'Coral Suites',
    'Lagoon Resort',
    'Blue Water Inn',
    'Seaside Villas',
  ],
  districts: ['', '', ' Centre', ' Airport', ' Old Town', ' North', ' Harbour', ' Park', ' East', ' West'],
} as const;
