import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import type { images } from '@lookout/server/types';
import { requestedUrls, stubApi } from '../../lib/test-api.ts';
import { ImagesPage } from './images-page.tsx';
import { hit, renderAt, searchResponse } from './test-helpers.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

const detail: images.ImageDetailResponse = {
  imageId: 'img-2',
  hotelId: 'htl-00001',
  hotelName: 'Metropole Barcelona Airport',
  url: '/api/images/placeholder/img-2.svg',
  width: 1080,
  height: 1920,
  orientation: 'portrait',
  location: { lat: 41.406122, lon: 2.113021 },
  labels: ['guestroom', 'hero'],
  minScore: 0.6,
  tags: [
    { tag: 'bed', score: 0.97, counted: true },
    { tag: 'room', score: 0.94, counted: true },
    { tag: 'houseplant', score: 0.52, counted: false },
  ],
  vision: {
    labels: [
      { mid: '/m/03ssj5', description: 'Bed', score: 0.97, topicality: 0.97 },
      { mid: '/m/06ht1', description: 'Room', score: 0.94, topicality: 0.91 },
      { mid: '/m/03fp41', description: 'Houseplant', score: 0.52, topicality: 0.5 },
    ],
    landmarks: [],
    error: null,
  },
  ingestedAt: '2026-11-26T10:40:00.000Z',
};

function stubBoard(overrides: { search?: (url: URL) => unknown; image?: (url: URL) => unknown } = {}) {
  return stubApi((url) => {
    if (url.pathname === '/api/images/search') return overrides.search?.(url) ?? searchResponse();
    if (url.pathname.startsWith('/api/images/img-')) return overrides.image?.(url) ?? detail;
    throw new Error(`unexpected ${url.href}`);
  });
}

const panel = (name: string) => screen.getByRole('region', { name });

describe('ImagesPage', () => {
  it('shows the total, a card per image with its size and tags, and the facets, from one request', async () => {
    const fetchMock = stubBoard();
    renderAt('/images?from=now-7d&tz=utc&tags=bed&bbox=-12,35,30,60', () => <ImagesPage />);

    expect((await screen.findByTestId('images-total')).textContent).toBe('1,234 images');
    const cards = within(panel('Images')).getAllByRole('listitem');
    expect(cards).toHaveLength(2);
    expect(within(cards[1]!).getByText('1,080 × 1,920 px · portrait')).toBeTruthy();
    expect(within(cards[1]!).getByText('bed')).toBeTruthy();
    const img = cards[0]!.querySelector('img');
    expect(img?.getAttribute('src')).toBe('/api/images/placeholder/img-1.svg');
    expect(img?.getAttribute('loading')).toBe('lazy');
    expect(screen.getByText('Showing 2 of 1,234 images')).toBeTruthy();
    expect(screen.getByText(/^Newest image ingested 3 min ago/).textContent).toBe(
      'Newest image ingested 3 min ago (2026-11-26 10:40:00 UTC)',
    );
    expect(within(panel('Filters')).getByRole('checkbox', { name: 'bed 1,234' })).toHaveProperty(
      'checked',
      true,
    );
    expect(within(panel('Image locations')).getByRole('img', { name: 'Image locations map' })).toBeTruthy();

    // Facets, map and grid share the one search; no time range and no drawer id are sent.
    const searches = requestedUrls(fetchMock).filter((url) => url.pathname === '/api/images/search');
    expect(searches).toHaveLength(1);
    expect(searches[0]?.searchParams.toString()).toBe('tags=bed&bbox=-12%2C35%2C30%2C60&size=48');
  });

  it('loads the next page with the cursor on "Load more"', async () => {
    const fetchMock = stubBoard({
      search: (url) =>
        url.searchParams.get('cursor') === 'page-2'
          ? searchResponse({ hits: [hit('img-3')], nextCursor: null })
          : searchResponse({ total: 3, nextCursor: 'page-2' }),
    });
    const { user } = renderAt('/images?tags=bed', () => <ImagesPage />);
    await user.click(await screen.findByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Showing 3 of 3 images')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    const cursorRequest = requestedUrls(fetchMock).at(-1);
    expect(cursorRequest?.searchParams.get('cursor')).toBe('page-2');
    expect(cursorRequest?.searchParams.getAll('tags')).toEqual(['bed']);
  });

  it('opens an image from its card: every Vision tag with a score bar, what is not counted, the facts', async () => {
    stubBoard();
    const { search, user } = renderAt('/images?tags=bed&tz=utc', () => <ImagesPage />);
    const cards = await within(await screen.findByRole('list', { name: 'Images' })).findAllByRole('link');
    await user.click(cards[1]!);
    expect(search().get('image')).toBe('img-2');

    const drawer = await screen.findByRole('dialog', { name: 'Metropole Barcelona Airport' });
    const rows = await within(drawer).findAllByRole('row');
    expect(rows.slice(1).map((row) => row.textContent)).toEqual([
      'bed /m/03ssj50.970.97',
      'room /m/06ht10.940.91',
      'houseplant (not counted) /m/03fp410.520.50',
    ]);
    const bars = drawer.querySelectorAll<HTMLElement>('.images-score-bar > span');
    expect([...bars].map((bar) => bar.style.width)).toEqual(['97%', '94%', '52%']);
    expect(within(drawer).getByText('1,080 × 1,920 px · portrait')).toBeTruthy();
    expect(within(drawer).getByText('41.40612, 2.11302 (lat, lon)')).toBeTruthy();
    expect(within(drawer).getByText('guestroom, hero')).toBeTruthy();
  });

  it('restores the drawer from the URL, and closes it with Escape keeping the selections', async () => {
    stubBoard();
    const { search, user } = renderAt('/images?tags=bed&labels=hero&image=img-2', () => <ImagesPage />);
    expect(await screen.findByRole('dialog', { name: 'Metropole Barcelona Airport' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(search().toString()).toBe('tags=bed&labels=hero');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows the Vision error of an image that has one', async () => {
    stubBoard({
      image: () => ({
        ...detail,
        tags: [],
        vision: {
          labels: [],
          landmarks: [],
          error: { code: 7, message: 'Permission denied on the image URL' },
        },
      }),
    });
    renderAt('/images?image=img-2', () => <ImagesPage />);
    expect((await screen.findByText(/^Vision could not label this image/)).textContent).toBe(
      'Vision could not label this image: Permission denied on the image URL (code 7)',
    );
    expect(screen.getByText('No tags.')).toBeTruthy();
  });

  it('says which image is missing when the id is unknown', async () => {
    stubBoard({
      image: () =>
        Response.json(
          { statusCode: 404, error: 'Not Found', message: 'no image with imageId img-404' },
          { status: 404 },
        ),
    });
    renderAt('/images?image=img-404', () => <ImagesPage />);
    const dialog = await screen.findByRole('dialog', { name: 'Image' });
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      'no image with imageId img-404 (404)',
    );
  });

  it('shows an error with Retry in each panel when the search fails, and recovers', async () => {
    let attempts = 0;
    stubBoard({
      search: () => {
        attempts += 1;
        return attempts === 1
          ? Response.json(
              { statusCode: 503, error: 'Service Unavailable', message: 'Elasticsearch is unreachable' },
              { status: 503 },
            )
          : searchResponse();
      },
    });
    const { user } = renderAt('/images', () => <ImagesPage />);
    const alert = await within(panel('Images')).findByRole('alert');
    expect(alert.textContent).toContain('Elasticsearch is unreachable (503)');
    expect(within(panel('Filters')).getByRole('alert')).toBeTruthy();
    await user.click(within(panel('Images')).getByRole('button', { name: 'Retry' }));
    expect((await screen.findByTestId('images-total')).textContent).toBe('1,234 images');
  });

  it('says so when nothing matches', async () => {
    const empty: images.ImageSearchResponse = searchResponse({ total: 0, hits: [] });
    stubBoard({ search: () => ({ ...empty, facets: { ...empty.facets, geo: [] } }) });
    renderAt('/images?tags=igloo', () => <ImagesPage />);
    expect(
      await within(panel('Images')).findByText(
        'No image matches this selection. Remove a filter or clear the area.',
      ),
    ).toBeTruthy();
    expect(
      within(panel('Image locations')).getByText('No image in this selection has a location.'),
    ).toBeTruthy();
  });

  it('removes one selection from its chip, and names a link parameter it could not read', async () => {
    stubBoard();
    const { search, user } = renderAt('/images?tags=bed&bbox=-12,35,30,60&minScore=7', () => <ImagesPage />);
    expect(screen.getByText(/^Ignored from the link/).textContent).toBe(
      'Ignored from the link: minScore=7 (not a score between 0 and 1).',
    );
    await user.click(screen.getByRole('button', { name: 'Remove Area 35°N–60°N, 12°W–30°E' }));
    expect(search().getAll('tags')).toEqual(['bed']);
    expect(search().has('bbox')).toBe(false);
  });
});
