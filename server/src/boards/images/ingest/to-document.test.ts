import { describe, expect, it } from 'vitest';
import { orientationOf, tagsOf, toImageDocument } from './to-document.ts';

const options = { index: 'lookout-images', minScore: 0.6, now: new Date('2026-11-20T12:00:00Z') };
const label = (description: string, score: number) => ({
  mid: '/m/x',
  description,
  score,
  topicality: score,
});

describe('an NDJSON line becomes a stored image', () => {
  it('keeps the metadata, derives orientation and tags, and uses the image id as _id', () => {
    const result = toImageDocument(
      {
        imageId: 'img-1',
        hotelId: 'htl-7',
        hotelName: 'Harbour Inn',
        url: 'https://images.example.org/1.jpg',
        width: 4032,
        height: 3024,
        location: { lat: 38.72, lon: -9.14 },
        labels: ['hero', ' exterior ', 'hero'],
        vision: {
          labelAnnotations: [label('Swimming pool', 0.97123456), label('Sky', 0.8), label('Rectangle', 0.55)],
          fullTextAnnotation: { text: 'not kept' },
        },
      },
      options,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.doc.id).toBe('img-1');
    expect(result.doc.index).toBe('lookout-images');
    expect(result.doc.document).toEqual({
      imageId: 'img-1',
      hotelId: 'htl-7',
      hotelName: 'Harbour Inn',
      url: 'https://images.example.org/1.jpg',
      width: 4032,
      height: 3024,
      orientation: 'landscape',
      location: { lat: 38.72, lon: -9.14 },
      labels: ['hero', 'exterior'],
      tags: [
        { tag: 'swimming pool', score: 0.9712 },
        { tag: 'sky', score: 0.8 },
        { tag: 'rectangle', score: 0.55 },
      ],
      tags_counted: ['swimming pool', 'sky'],
      tagsMinScore: 0.6,
      // The common thresholds, each a flat field; no tag reaches 0.95, so none is written there.
      tags_min_30: ['swimming pool', 'sky', 'rectangle'],
      tags_min_40: ['swimming pool', 'sky', 'rectangle'],
      tags_min_50: ['swimming pool', 'sky', 'rectangle'],
      tags_min_60: ['swimming pool', 'sky'],
      tags_min_70: ['swimming pool', 'sky'],
      tags_min_80: ['swimming pool', 'sky'],
      tags_min_90: ['swimming pool'],
      landmarks: [],
      vision: {
        labelAnnotations: [label('Swimming pool', 0.97123456), label('Sky', 0.8), label('Rectangle', 0.55)],
      },
      ingestedAt: '2026-11-20T12:00:00.000Z',
    });
  });

  it('stores a Vision error instead of dropping the image', () => {
    const result = toImageDocument(
      { id: 42, vision: { error: { code: 3, message: 'Bad image data.' } } },
      options,
    );
    expect(result.ok && result.doc.document).toMatchObject({
      imageId: '42',
      tags: [],
      tags_counted: [],
      visionError: { code: 3, message: 'Bad image data.' },
      vision: { error: { code: 3, message: 'Bad image data.' } },
    });
  });

  it('places an image without coordinates at the landmark Vision recognised', () => {
    const result = toImageDocument(
      {
        imageId: 'img-2',
        vision: {
          landmarkAnnotations: [
            {
              mid: '/m/02j81',
              description: 'Eiffel Tower',
              score: 0.8,
              locations: [{ latLng: { latitude: 48.8584, longitude: 2.2945 } }],
            },
          ],
        },
      },
      options,
    );
    expect(result.ok && result.doc.document).toMatchObject({
      location: { lat: 48.8584, lon: 2.2945 },
      landmarks: [{ description: 'Eiffel Tower', location: { lat: 48.8584, lon: 2.2945 } }],
    });
  });

  it('takes a Vision response from a batch over the line’s own', () => {
    const result = toImageDocument(
      { imageId: 'img-3', vision: { labelAnnotations: [label('Old', 0.9)] } },
      { ...options, vision: { labelAnnotations: [label('Bed', 0.9)] } },
    );
    expect(result.ok && result.doc.document.tags).toEqual([{ tag: 'bed', score: 0.9 }]);
  });

  it.each([
    [{ hotelId: 'htl-1' }, 'no image id'],
    [{ imageId: '  ' }, 'no image id'],
    [{ imageId: 'a', width: -3 }, 'width must be a positive whole number'],
    [{ imageId: 'a', height: 10.5 }, 'height must be a positive whole number'],
    [{ imageId: 'a', location: { lat: 91, lon: 0 } }, 'location must have lat in [-90, 90]'],
    [{ imageId: 'a', location: 'Lisbon' }, 'location must be an object'],
    [{ imageId: 'a', labels: 'hero' }, 'labels must be an array of strings'],
    [{ imageId: 'a', vision: [1] }, 'vision must be a Vision AnnotateImageResponse'],
    [[1, 2], 'not an image'],
  ])('rejects %j: %s', (line, reason) => {
    const result = toImageDocument(line, options);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('reads Vision’s {latitude, longitude} as a location too', () => {
    const result = toImageDocument({ imageId: 'a', location: { latitude: 1.5, longitude: 2.5 } }, options);
    expect(result.ok && result.doc.document.location).toEqual({ lat: 1.5, lon: 2.5 });
  });
});

describe('tags from Vision labels', () => {
  it('lower-cases descriptions, keeps the best score of a repeated one and sorts best first', () => {
    expect(
      tagsOf([label('Room', 0.7), label('room', 0.9), label('Bed', 0.8), { score: 0.9 }, 'junk']),
    ).toEqual([
      { tag: 'room', score: 0.9 },
      { tag: 'bed', score: 0.8 },
    ]);
  });

  it('names the orientation from the size', () => {
    expect([orientationOf(4032, 3024), orientationOf(1080, 1920), orientationOf(2048, 2048)]).toEqual([
      'landscape',
      'portrait',
      'square',
    ]);
  });
});
