import { describe, expect, it } from 'vitest';
import { applyFilterChange, clearFilters, toggled } from '../../lib/use-board-filters.ts';
import {
  IMAGES_FIELDS,
  imagesUrlChange,
  parseImagesView,
  searchParamsOf,
  viewAsChange,
  type ImagesChange,
} from './use-images-view.ts';
import { bucketChecked, bucketLabel, rangeLabel, toggleBucket } from './size-ranges.ts';

// The shared URL ⇄ filters writer with the board's field list.
const applyImagesChange = (url: URLSearchParams, change: ImagesChange) =>
  applyFilterChange(IMAGES_FIELDS, url, imagesUrlChange(change));

const FULL =
  'tz=utc&tags=swimming+pool&tags=bed&tagMode=all&labels=hero&minScore=0.8' +
  '&minWidth=1920&maxWidth=3840&maxHeight=1080&orientation=landscape&orientation=square' +
  '&bbox=-0.51,51.28,0.33,51.69&hotel=htl-00001&hotel=htl-00002&image=img-0000042';

describe('images selections in the URL', () => {
  it('reads every selection, and writing them back restores the same view', () => {
    const view = parseImagesView(new URLSearchParams(FULL));
    expect(view).toEqual({
      tags: ['swimming pool', 'bed'],
      tagMode: 'all',
      labels: ['hero'],
      hotels: ['htl-00001', 'htl-00002'],
      minScore: 0.8,
      width: { min: 1920, max: 3840 },
      height: { max: 1080 },
      orientations: ['landscape', 'square'],
      bbox: { minLon: -0.51, minLat: 51.28, maxLon: 0.33, maxLat: 51.69 },
      image: 'img-0000042',
      ignored: [],
    });

    const written = applyImagesChange(new URLSearchParams('tz=utc'), viewAsChange(view));
    expect(parseImagesView(written)).toEqual(view);
    expect(written.getAll('tags')).toEqual(['swimming pool', 'bed']);
    expect(written.get('bbox')).toBe('-0.51,51.28,0.33,51.69');
    expect(written.get('tz')).toBe('utc');
  });

  it('writes no defaults: an empty view is an empty query string', () => {
    const view = parseImagesView(new URLSearchParams());
    expect(applyImagesChange(new URLSearchParams(), viewAsChange(view)).toString()).toBe('');
    expect(view.tagMode).toBe('any');
  });

  it('names what it could not read and leaves it out of the requests', () => {
    const view = parseImagesView(
      new URLSearchParams(
        'bbox=london&minScore=2&minWidth=wide&minHeight=1080&maxHeight=640&orientation=round&tagMode=some&tags=&tags=Bed&tags=bed',
      ),
    );
    expect(view.bbox).toBeUndefined();
    expect(view.minScore).toBeUndefined();
    expect(view.width).toEqual({});
    expect(view.height).toEqual({ min: 1080 });
    expect(view.orientations).toEqual([]);
    expect(view.tags).toEqual(['bed']);
    expect(view.ignored.map((i) => i.param)).toEqual([
      'minScore',
      'bbox',
      'orientation',
      'tagMode',
      'minWidth',
      'maxHeight',
    ]);
    expect(view.ignored.find((i) => i.param === 'bbox')).toEqual({
      param: 'bbox',
      value: 'london',
      reason: 'not minLon,minLat,maxLon,maxLat in degrees',
    });
  });

  it('keeps the global range, zone and the open image when a selection changes', () => {
    const next = applyImagesChange(new URLSearchParams('from=now-1h&tz=utc&tags=bed&image=img-1'), {
      tags: ['bed', 'room'],
      width: { min: 1920 },
    });
    expect(next.toString()).toBe('from=now-1h&tz=utc&image=img-1&tags=bed&tags=room&minWidth=1920');
  });

  it('"Clear all" removes every selection but leaves the open image and the zone', () => {
    const next = applyFilterChange(IMAGES_FIELDS, new URLSearchParams(FULL), clearFilters(IMAGES_FIELDS));
    expect(next.toString()).toBe('tz=utc&image=img-0000042');
  });

  it('sends the selections to the search, but neither the image nor any time range', () => {
    const params = searchParamsOf(parseImagesView(new URLSearchParams(`from=now-7d&to=now&${FULL}`)));
    expect(params).toEqual({
      tags: ['swimming pool', 'bed'],
      tagMode: 'all',
      labels: ['hero'],
      hotel: ['htl-00001', 'htl-00002'],
      minScore: 0.8,
      minWidth: 1920,
      maxWidth: 3840,
      minHeight: undefined,
      maxHeight: 1080,
      orientation: ['landscape', 'square'],
      bbox: '-0.51,51.28,0.33,51.69',
    });
    expect(Object.keys(params)).not.toContain('from');
    expect(Object.keys(params)).not.toContain('image');
  });

  it('does not send tagMode without tags', () => {
    expect(searchParamsOf(parseImagesView(new URLSearchParams('tagMode=all'))).tagMode).toBeUndefined();
  });

  it('toggles one value of a multi-select, keeping the others in order', () => {
    expect(toggled(['bed', 'room'], 'pool')).toEqual(['bed', 'room', 'pool']);
    expect(toggled(['bed', 'room', 'pool'], 'room')).toEqual(['bed', 'pool']);
  });
});

describe('size classes as one range', () => {
  const buckets = [0, 640, 1080, 1920, 2560, 3840].map((from, n, all) => ({
    from,
    to: all[n + 1] ?? null,
    count: 1,
  }));
  const [under640, vga, hd, fullHd, qhd, uhd] = buckets as [
    (typeof buckets)[0],
    (typeof buckets)[0],
    (typeof buckets)[0],
    (typeof buckets)[0],
    (typeof buckets)[0],
    (typeof buckets)[0],
  ];

  it('checks one class as its range; the lowest has no lower bound, the highest no upper', () => {
    expect(toggleBucket({}, fullHd, buckets)).toEqual({ min: 1920, max: 2560 });
    expect(toggleBucket({}, under640, buckets)).toEqual({ max: 640 });
    expect(toggleBucket({}, uhd, buckets)).toEqual({ min: 3840 });
  });

  it('checking a second class takes in every class between them', () => {
    const range = toggleBucket({ min: 1920, max: 2560 }, vga, buckets);
    expect(range).toEqual({ min: 640, max: 2560 });
    expect(buckets.filter((b) => bucketChecked(range, b))).toEqual([vga, hd, fullHd]);
  });

  it('unchecking an end class shrinks the range; a middle one keeps the part below it', () => {
    expect(toggleBucket({ min: 640, max: 2560 }, vga, buckets)).toEqual({ min: 1080, max: 2560 });
    expect(toggleBucket({ min: 640, max: 2560 }, fullHd, buckets)).toEqual({ min: 640, max: 1920 });
    expect(toggleBucket({ min: 640, max: 2560 }, hd, buckets)).toEqual({ min: 640, max: 1080 });
    expect(toggleBucket({ min: 2560 }, qhd, buckets)).toEqual({ min: 3840 });
    expect(toggleBucket({ min: 3840 }, uhd, buckets)).toEqual({});
  });

  it('checks nothing while no range is selected', () => {
    expect(buckets.some((b) => bucketChecked({}, b))).toBe(false);
  });

  it('names classes and ranges in pixels, the upper end exclusive', () => {
    expect(buckets.map(bucketLabel)).toEqual([
      'under 640 px',
      '640–1,079 px',
      '1,080–1,919 px',
      '1,920–2,559 px',
      '2,560–3,839 px',
      '3,840 px and up',
    ]);
    expect(rangeLabel({ min: 640, max: 1920 })).toBe('640–1,919 px');
    expect(rangeLabel({ min: 3840 })).toBe('at least 3,840 px');
    expect(rangeLabel({ max: 640 })).toBe('under 640 px');
  });
});
