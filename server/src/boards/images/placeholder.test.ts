import { describe, expect, it } from 'vitest';
import { placeholderSvg } from './placeholder.ts';

describe('placeholder pictures', () => {
  it('take the image’s shape and show the hotel, top tags and size', () => {
    const svg = placeholderSvg({
      imageId: 'img-1',
      hotelId: 'htl-1',
      hotelName: 'Harbour Inn',
      width: 3024,
      height: 4032,
      tags: ['bed', 'room', 'property', 'lamp'],
    });
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="240" height="320"/);
    expect(svg).toContain('>Harbour Inn</text>');
    expect(svg).toContain('>bed · room · property</text>');
    expect(svg).toContain('>3024×4032</text>');
  });

  it('are the same for the same image and coloured by hotel', () => {
    const a = placeholderSvg({ imageId: 'img-1', hotelId: 'htl-1' });
    expect(placeholderSvg({ imageId: 'img-1', hotelId: 'htl-1' })).toBe(a);
    const fill = (svg: string) => /fill="hsl\((\d+) /.exec(svg)?.[1];
    expect(fill(placeholderSvg({ imageId: 'img-2', hotelId: 'htl-1' }))).toBe(fill(a));
  });

  it('escape text so a hotel name cannot inject markup', () => {
    const svg = placeholderSvg({ imageId: 'x', hotelName: 'A & B <script>' });
    expect(svg).toContain('A &#38; B &#60;script&#62;');
    expect(svg).not.toContain('<script>');
  });
});
