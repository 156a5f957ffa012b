import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ImageMap, type ImageMapProps } from './image-map.tsx';

function renderMap(props: Partial<ImageMapProps> = {}) {
  const onSelectArea = vi.fn();
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ImageMap
        geo={[
          { lat: 41.4, lon: 2.1, count: 1000, tile: '3/4/2' },
          { lat: 40.7, lon: -74, count: 250, tile: '3/2/3' },
        ]}
        bbox={undefined}
        onSelectArea={onSelectArea}
        {...props}
      />
    </QueryClientProvider>,
  );
  const svg = screen.getByRole('img', { name: 'Image locations map' });
  // jsdom does not lay out: the map is drawn at its own size, 960×400 px at the page's origin.
  svg.getBoundingClientRect = () => ({ left: 0, top: 0, width: 960, height: 400 }) as DOMRect;
  return { svg, onSelectArea };
}

describe('ImageMap', () => {
  it('draws a circle per area, the busiest the largest', () => {
    const { svg } = renderMap();
    const radii = [...svg.querySelectorAll('circle')].map((c) => Number(c.getAttribute('r')));
    expect(radii).toEqual([26, 3 + 23 / 2]);
    expect(svg.querySelector('circle title')?.textContent).toBe(
      '1,000 images around 41.40°, 2.10° — click to zoom in',
    );
  });

  it('turns a box dragged from (480, 100) to (560, 160) into 0°–30°E, 25°N–47.5°N', () => {
    const { svg, onSelectArea } = renderMap();
    fireEvent.pointerDown(svg, { button: 0, pointerId: 1, clientX: 480, clientY: 100 });
    fireEvent.pointerMove(svg, { pointerId: 1, clientX: 520, clientY: 130 });
    expect(svg.querySelector('.images-map-drag')?.getAttribute('width')).toBe('40');
    fireEvent.pointerUp(svg, { pointerId: 1, clientX: 560, clientY: 160 });
    expect(onSelectArea).toHaveBeenCalledWith({ minLon: 0, minLat: 25, maxLon: 30, maxLat: 47.5 });
    expect(svg.querySelector('.images-map-drag')).toBeNull();
  });

  it('zooms to a circle’s tile on a click', () => {
    const { svg, onSelectArea } = renderMap();
    const barcelona = svg.querySelector('circle[data-tile="3/4/2"]')!;
    fireEvent.pointerDown(barcelona, { button: 0, pointerId: 1, clientX: 485, clientY: 116 });
    fireEvent.pointerUp(svg, { pointerId: 1, clientX: 486, clientY: 116 });
    expect(onSelectArea).toHaveBeenCalledWith({ minLon: 0, minLat: 40.9799, maxLon: 45, maxLat: 66.5133 });
  });

  it('does nothing on a click beside the circles', () => {
    const { svg, onSelectArea } = renderMap();
    fireEvent.pointerDown(svg, { button: 0, pointerId: 1, clientX: 100, clientY: 300 });
    fireEvent.pointerUp(svg, { pointerId: 1, clientX: 101, clientY: 301 });
    expect(onSelectArea).not.toHaveBeenCalled();
  });

  it('greys the circles outside the selected area', () => {
    const { svg } = renderMap({ bbox: { minLon: -12, minLat: 35, maxLon: 30, maxLat: 60 } });
    expect(svg.querySelectorAll('.images-map-outside')).toHaveLength(1);
    expect(svg.querySelector('.images-map-selection')).toBeTruthy();
  });

  it('draws the world outline it ships with, without a tile server', async () => {
    const { svg } = renderMap();
    await vi.waitFor(() => expect(svg.querySelector('.images-map-land')).toBeTruthy(), { timeout: 5_000 });
    expect(svg.querySelector('.images-map-land')?.getAttribute('d')?.length).toBeGreaterThan(10_000);
  });
});
