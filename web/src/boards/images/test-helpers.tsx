import type { ReactNode } from 'react';
import type { images } from '@lookout/server/types';
import { useImagesView, type ImagesViewState } from './use-images-view.ts';
import { renderRoute, TEST_NOW } from '../../lib/test-render.tsx';

// Test-only: renders a piece of the board at a URL, with the same providers as the app.

export const NOW = TEST_NOW;

export function renderAt(url: string, ui: (state: ImagesViewState) => ReactNode) {
  function Harness() {
    return <>{ui(useImagesView())}</>;
  }
  return renderRoute('/images', url, <Harness />);
}

export function hit(imageId: string, overrides: Partial<images.ImageHit> = {}): images.ImageHit {
  return {
    imageId,
    hotelId: 'htl-00001',
    hotelName: 'Metropole Barcelona Airport',
    url: `/api/images/placeholder/${imageId}.svg`,
    width: 1920,
    height: 1080,
    orientation: 'landscape',
    location: { lat: 41.4061, lon: 2.113 },
    labels: ['guestroom'],
    tags: [
      { tag: 'bed', score: 0.97 },
      { tag: 'room', score: 0.94 },
    ],
    visionError: null,
    ...overrides,
  };
}

/** A search answer whose numbers are small enough to check by eye. */
export function searchResponse(
  overrides: Partial<images.ImageSearchResponse> = {},
): images.ImageSearchResponse {
  return {
    total: 1234,
    hits: [hit('img-1'), hit('img-2', { width: 1080, height: 1920, orientation: 'portrait' })],
    nextCursor: null,
    minScore: 0.6,
    geoPrecision: 3,
    facets: {
      tags: [
        { tag: 'bed', count: 1234, selected: false },
        { tag: 'room', count: 1100, selected: false },
        { tag: 'swimming pool', count: 321, selected: false },
      ],
      labels: [
        { label: 'guestroom', count: 900, selected: false },
        { label: 'hero', count: 120, selected: false },
      ],
      hotels: [
        { hotelId: 'htl-00001', hotelName: 'Metropole Barcelona Airport', count: 640, selected: false },
      ],
      width: [
        { from: 0, to: 640, count: 10 },
        { from: 640, to: 1080, count: 200 },
        { from: 1080, to: 1920, count: 400 },
        { from: 1920, to: 2560, count: 500 },
        { from: 2560, to: 3840, count: 100 },
        { from: 3840, to: null, count: 24 },
      ],
      height: [
        { from: 0, to: 640, count: 30 },
        { from: 640, to: 1080, count: 600 },
        { from: 1080, to: 1920, count: 604 },
        { from: 1920, to: 2560, count: 0 },
        { from: 2560, to: 3840, count: 0 },
        { from: 3840, to: null, count: 0 },
      ],
      orientation: [
        { orientation: 'landscape', count: 1000, selected: false },
        { orientation: 'portrait', count: 200, selected: false },
        { orientation: 'square', count: 34, selected: false },
      ],
      geo: [
        { lat: 41.4, lon: 2.1, count: 1000, tile: '3/4/2' },
        { lat: 40.7, lon: -74, count: 234, tile: '3/2/3' },
      ],
    },
    newestIngestedAt: '2026-11-26T10:40:00.000Z',
    ...overrides,
  };
}
