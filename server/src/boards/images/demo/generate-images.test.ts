import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toImageDocument } from '../ingest/to-document.ts';
import type { StoredImage } from '../mapping.ts';
import { generateImages, type GeneratedImages } from './generate-images.ts';
import { CAMERA_SIZES, CITIES } from './world.ts';

let dir: string;
let generated: GeneratedImages;
let images: StoredImage[];

async function readAll(files: string[]): Promise<string[]> {
  const lines = [];
  for (const file of files) lines.push(...(await readFile(file, 'utf8')).trimEnd().split('\n'));
  return lines;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'lookout-images-demo-'));
  generated = await generateImages({ dir: path.join(dir, 'a'), scale: 0.05, seed: 7, linesPerFile: 2_000 });
  images = (await readAll(generated.files)).map((line) => {
    const result = toImageDocument(JSON.parse(line), { index: 'x', minScore: 0.6, now: new Date(0) });
    if (!result.ok) throw new Error(result.reason);
    return result.doc.document;
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('demo images', () => {
  it('writes 5,000 images of 100 hotels at scale 0.05, every line accepted by the ingestion', () => {
    expect(generated).toMatchObject({ hotels: 100, images: 5_000 });
    expect(generated.files).toHaveLength(3);
    expect(images).toHaveLength(5_000);
    expect(new Set(images.map((image) => image.imageId)).size).toBe(5_000);
  });

  it('writes the same bytes for the same seed, other bytes for another', async () => {
    const again = await generateImages({
      dir: path.join(dir, 'b'),
      scale: 0.05,
      seed: 7,
      linesPerFile: 2_000,
    });
    expect(await readAll(again.files)).toEqual(await readAll(generated.files));
    const other = await generateImages({
      dir: path.join(dir, 'c'),
      scale: 0.05,
      seed: 8,
      linesPerFile: 2_000,
    });
    expect((await readAll(other.files))[1]).not.toEqual((await readAll(generated.files))[1]);
  });

  it('places hotels within about 8 km of real cities', () => {
    for (const image of images.filter((each) => each.location)) {
      const near = CITIES.some(
        (city) =>
          Math.abs(city.lat - image.location!.lat) < 0.08 && Math.abs(city.lon - image.location!.lon) < 0.2,
      );
      expect(near).toBe(true);
    }
  });

  it('tags rooms and beds most, pools and beaches less, and leaves weak guesses uncounted', () => {
    const counted = new Map<string, number>();
    for (const image of images)
      for (const tag of image.tags_counted) counted.set(tag, (counted.get(tag) ?? 0) + 1);
    const share = (tag: string) => (counted.get(tag) ?? 0) / images.length;
    expect(share('room')).toBeGreaterThan(0.3);
    expect(share('bed')).toBeGreaterThan(0.25);
    expect(share('swimming pool')).toBeGreaterThan(0.03);
    expect(share('swimming pool')).toBeLessThan(share('bed'));
    expect(share('beach')).toBeGreaterThan(0.01);
    expect(share('rectangle')).toBeLessThan(0.05);
    const stored = images.flatMap((image) => image.tags);
    expect(stored.some((tag) => tag.score < 0.6)).toBe(true);
    expect(Math.max(...images.map((image) => image.tags.length))).toBeLessThanOrEqual(10);
  });

  it('uses common camera sizes in every orientation', () => {
    const sizes = new Set(CAMERA_SIZES.map(([width, height]) => `${width}x${height}`));
    expect(images.every((image) => sizes.has(`${image.width}x${image.height}`))).toBe(true);
    const orientations = new Set(images.map((image) => image.orientation));
    expect([...orientations].sort()).toEqual(['landscape', 'portrait', 'square']);
  });

  it('has a hero photo per hotel, some Vision errors and some landmarks', () => {
    expect(images.filter((image) => image.labels.includes('hero'))).toHaveLength(
      new Set(images.filter((image) => image.labels.includes('hero')).map((image) => image.hotelId)).size,
    );
    expect(generated.visionErrors).toBeGreaterThan(0);
    expect(images.filter((image) => image.visionError).length).toBe(generated.visionErrors);
    expect(images.some((image) => image.landmarks.length > 0)).toBe(true);
    expect(images.every((image) => image.url === `/api/images/placeholder/${image.imageId}.svg`)).toBe(true);
  });
});
