/**
 * Writes demo image metadata the way the producer delivers it — NDJSON, one image a line with the
 * raw Vision `AnnotateImageResponse` — so the demo goes through the same ingestion as real data.
 * Deterministic: the same options write the same bytes.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Random } from '../../../core/random.ts';
import {
  CAMERA_SIZES,
  CITIES,
  DEMO_HOTELS,
  DEMO_IMAGES,
  HOTEL_NAMES,
  MAX_LABELS,
  NOISE_LABELS,
  SCENE_LABEL,
  SCENE_LABELS,
  SCENE_WEIGHTS,
  VISION_ERROR_RATE,
  VISION_ERRORS,
  type City,
  type Scene,
} from './world.ts';

export interface DemoHotel {
  hotelId: string;
  hotelName: string;
  city: City;
  resort: boolean;
  lat: number;
  lon: number;
  images: number;
}

export interface GenerateImagesOptions {
  /** Directory to write `images-NN.ndjson` into (created when missing). */
  dir: string;
  scale: number;
  seed: number;
  /** Images per file. */
  linesPerFile?: number;
  onFile?: (images: number) => void;
}

export interface GeneratedImages {
  files: string[];
  hotels: number;
  images: number;
  visionErrors: number;
}

const pad = (value: number, width: number) => String(value).padStart(width, '0');
const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** Hotels spread around their city (within ~8 km), each with its share of the images. */
export function demoHotels(random: Random, hotels: number, images: number): DemoHotel[] {
  const weights = CITIES.map((city) => [city, city.weight] as const);
  const drafts = Array.from({ length: hotels }, (_, n) => {
    const city = random.weighted(weights);
    const resort = city.beach && random.float() < 0.5;
    const names = resort ? HOTEL_NAMES.resort : HOTEL_NAMES.city;
    const distance = Math.sqrt(random.float()) * 0.07;
    const angle = random.float() * 2 * Math.PI;
    return {
      hotelId: `htl-${pad(n + 1, 5)}`,
      hotelName: `${random.pick(names)} ${city.name}${random.pick(HOTEL_NAMES.districts)}`,
      city,
      resort,
      lat: round(city.lat + distance * Math.sin(angle), 6),
      lon: round(city.lon + (distance * Math.cos(angle)) / Math.cos((city.lat * Math.PI) / 180), 6),
      // Big hotels publish many more photos than small ones.
      weight: 0.2 + random.float() ** 2 * 3,
    };
  });
  const total = drafts.reduce((sum, hotel) => sum + hotel.weight, 0);
  let assigned = 0;
  return drafts.map(({ weight, ...hotel }, n) => {
    const share =
      n === drafts.length - 1 ? images - assigned : Math.max(1, Math.round((images * weight) / total));
    const count = Math.max(0, Math.min(share, images - assigned));
    assigned += count;
    return { ...hotel, images: count };
  });
}

/** Vision's `mid` is a Knowledge Graph id; the demo makes up stable ones in the same form. */
function midOf(description: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < description.length; i++)
    hash = Math.imul(hash ^ description.charCodeAt(i), 0x01000193) >>> 0;
  return `/m/0${hash.toString(36)}`;
}

function labelAnnotations(random: Random, scene: Scene) {
  const labels: Array<{ mid: string; description: string; score: number; topicality: number }> = [];
  for (const [description, probability, low, high] of SCENE_LABELS[scene]) {
    if (random.float() < probability) {
      const score = round(random.between(low, high), 7);
      labels.push({ mid: midOf(description), description, score, topicality: score });
    }
  }
  const noise = random.float() < 0.5 ? 1 + Math.floor(random.float() * 2) : 0;
  for (let n = 0; n < noise; n++) {
    const description = random.pick(NOISE_LABELS);
    if (labels.some((label) => label.description === description)) continue;
    const score = round(random.between(0.5, 0.63), 7);
    labels.push({ mid: midOf(description), description, score, topicality: score });
  }
  return labels.sort((a, b) => b.score - a.score).slice(0, MAX_LABELS);
}

function imageLine(
  random: Random,
  hotel: DemoHotel,
  imageId: string,
  first: boolean,
): { text: string; error: boolean } {
  // The first photo of a hotel is its front: the "hero" of its page.
  const scene: Scene = first ? 'exterior' : random.weighted(SCENE_WEIGHTS[hotel.resort ? 'resort' : 'city']);
  const [width, height] = random.weighted(
    CAMERA_SIZES.map(([w, h, weight]) => [[w, h] as const, weight] as const),
  );
  const error = random.float() < VISION_ERROR_RATE;
  let vision: Record<string, unknown>;
  if (error) {
    vision = { error: random.pick(VISION_ERRORS) };
  } else {
    vision = { labelAnnotations: labelAnnotations(random, scene) };
    const landmark = hotel.city.landmark;
    if (landmark && (scene === 'view' || scene === 'exterior') && random.float() < 0.3) {
      vision.landmarkAnnotations = [
        {
          mid: midOf(landmark.description),
          description: landmark.description,
          score: round(random.between(0.55, 0.9), 7),
          locations: [{ latLng: { latitude: landmark.lat, longitude: landmark.lon } }],
        },
      ];
    }
  }
  const labels = random.float() < 0.85 ? [SCENE_LABEL[scene], ...(first ? ['hero'] : [])] : undefined;
  const line = {
    imageId,
    hotelId: hotel.hotelId,
    hotelName: hotel.hotelName,
    url: `/api/images/placeholder/${imageId}.svg`,
    width,
    height,
    // A few producers' records come without coordinates.
    ...(random.float() < 0.01 ? {} : { location: { lat: hotel.lat, lon: hotel.lon } }),
    ...(labels ? { labels } : {}),
    vision,
  };
  return { text: JSON.stringify(line), error };
}

/**
 * About `DEMO_IMAGES × scale` images over `DEMO_HOTELS × scale` hotels in real cities, in
 * NDJSON files of `linesPerFile` images.
 */
export async function generateImages(options: GenerateImagesOptions): Promise<GeneratedImages> {
  const random = new Random(options.seed * 0x2545f491 + 7);
  const imageTotal = Math.max(1, Math.round(DEMO_IMAGES * options.scale));
  const hotelTotal = Math.max(1, Math.min(imageTotal, Math.round(DEMO_HOTELS * options.scale)));
  const hotels = demoHotels(random, hotelTotal, imageTotal);
  const linesPerFile = options.linesPerFile ?? 25_000;
  await mkdir(options.dir, { recursive: true });
  const files: string[] = [];
  let chunk: string[] = [];
  let images = 0;
  let visionErrors = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    const file = path.join(options.dir, `images-${pad(files.length + 1, 3)}.ndjson`);
    await writeFile(file, `${chunk.join('\n')}\n`);
    files.push(file);
    chunk = [];
    options.onFile?.(images);
  };
  for (const hotel of hotels) {
    for (let n = 0; n < hotel.images; n++) {
      images += 1;
      const line = imageLine(random, hotel, `img-${pad(images, 7)}`, n === 0);
      if (line.error) visionErrors += 1;
      chunk.push(line.text);
      if (chunk.length >= linesPerFile) await flush();
    }
  }
  await flush();
  return { files, hotels: hotels.length, images, visionErrors };
}
