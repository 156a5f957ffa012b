import { Type, type Static } from 'typebox';
import { IsoTime, MultiValue, PageQuery, PartialField } from '../../core/schema-pieces.ts';

/** Request and response schemas of the hotel image tags board (validation, serialisation, OpenAPI). */

export const Orientation = Type.Union(
  [Type.Literal('landscape'), Type.Literal('portrait'), Type.Literal('square')],
  { description: 'From width and height at ingest: wider, taller, or equal' },
);
export type Orientation = Static<typeof Orientation>;

const Score = Type.Number({ minimum: 0, maximum: 1 });

const MinScore = Type.Optional(
  Type.Number({
    minimum: 0,
    maximum: 1,
    description:
      'Count a Vision tag only when its score is at least this (default IMAGES_MIN_SCORE, 0.6). ' +
      'Applies to the tag filter, the tag facet and the tags shown per image.',
  }),
);

const Pixels = (description: string) =>
  Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, description }));

/** `minLon,minLat,maxLon,maxLat` — the GeoJSON (RFC 7946) order. */
export const BBOX_PATTERN = '^\\s*-?\\d+(\\.\\d+)?(\\s*,\\s*-?\\d+(\\.\\d+)?){3}\\s*$';

export const ImageSearchQuery = Type.Object(
  {
    tags: MultiValue('Vision tag, any case (`tags=bed&tags=room`); see `tagMode`'),
    tagMode: Type.Optional(
      Type.Union([Type.Literal('any'), Type.Literal('all')], {
        default: 'any',
        description:
          '`any`: images with at least one of the tags; the tag facet then ignores the tag selection ' +
          '(choosing a tag keeps the alternatives and their counts). `all`: images with every tag; ' +
          'the tag facet then counts within the selection (how many would remain with one more tag).',
      }),
    ),
    minScore: MinScore,
    labels: MultiValue("Producer's label of the image, e.g. `hero` (any of them)"),
    hotel: MultiValue('Hotel id (any of them)'),
    minWidth: Pixels('Width at least this many pixels'),
    maxWidth: Pixels('Width less than this (exclusive, like a width facet bucket’s `to`)'),
    minHeight: Pixels('Height at least this many pixels'),
    maxHeight: Pixels('Height less than this (exclusive, like a height facet bucket’s `to`)'),
    orientation: Type.Optional(Type.Array(Orientation, { maxItems: 3, description: 'Any of them' })),
    bbox: Type.Optional(
      Type.String({
        pattern: BBOX_PATTERN,
        description:
          'Area to search, `minLon,minLat,maxLon,maxLat` (west,south,east,north; GeoJSON order), ' +
          'e.g. `-0.51,51.28,0.33,51.69` for London. minLon > maxLon crosses the antimeridian.',
        examples: ['-0.51,51.28,0.33,51.69'],
      }),
    ),
    geoPrecision: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 15,
        description:
          'Zoom level of the geo facet’s tiles (geotile_grid). Default: from `bbox` (about 8 tiles ' +
          'across it), else 3 (the world).',
      }),
    ),
    facetSize: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 200,
        default: 30,
        description: 'Entries in the tag, label and hotel facets',
      }),
    ),
    ...PageQuery,
  },
  { additionalProperties: false },
);
export type ImageSearchQuery = Static<typeof ImageSearchQuery>;

const Location = Type.Union([Type.Object({ lat: Type.Number(), lon: Type.Number() }), Type.Null()]);
const TagScore = Type.Object({ tag: Type.String(), score: Score });
const VisionError = Type.Union([Type.Object({ code: Type.Integer(), message: Type.String() }), Type.Null()], {
  description: 'The Vision `error` of this image, stored as delivered (then it has no tags)',
});

export const ImageHit = Type.Object({
  imageId: Type.String(),
  hotelId: Type.Union([Type.String(), Type.Null()]),
  hotelName: Type.Union([Type.String(), Type.Null()]),
  url: Type.Union([Type.String(), Type.Null()]),
  width: Type.Union([Type.Integer(), Type.Null()]),
  height: Type.Union([Type.Integer(), Type.Null()]),
  orientation: Type.Union([Orientation, Type.Null()]),
  location: Location,
  labels: Type.Array(Type.String()),
  tags: Type.Array(TagScore, { description: 'Tags at or above the effective minimum score, best first' }),
  visionError: VisionError,
});
export type ImageHit = Static<typeof ImageHit>;

const Selectable = { count: Type.Integer(), selected: Type.Boolean() };
const RangeBucket = Type.Object({
  from: Type.Integer({ description: 'Inclusive' }),
  to: Type.Union([Type.Integer(), Type.Null()], { description: 'Exclusive; null: no upper bound' }),
  count: Type.Integer(),
});

export const ImageFacets = Type.Object(
  {
    tags: Type.Array(Type.Object({ tag: Type.String(), ...Selectable }), {
      description: 'Most frequent tags; selected tags are always listed',
    }),
    labels: Type.Array(Type.Object({ label: Type.String(), ...Selectable })),
    hotels: Type.Array(
      Type.Object({
        hotelId: Type.String(),
        hotelName: Type.Union([Type.String(), Type.Null()]),
        ...Selectable,
      }),
    ),
    width: Type.Array(RangeBucket, { description: 'Common display and camera size classes' }),
    height: Type.Array(RangeBucket),
    orientation: Type.Array(Type.Object({ orientation: Orientation, ...Selectable })),
    geo: Type.Array(
      Type.Object({
        lat: Type.Number({ description: 'Centroid of the images in the tile' }),
        lon: Type.Number(),
        count: Type.Integer(),
        tile: Type.String({ description: '`zoom/x/y` of the tile' }),
      }),
    ),
  },
  {
    description:
      'Multi-select: each facet counts the images matching every selection except its own ' +
      '(except tags with tagMode=all, which count within the selection).',
  },
);
export type ImageFacets = Static<typeof ImageFacets>;

export const ImageSearchResponse = Type.Object({
  ...PartialField,
  total: Type.Integer({ description: 'Images matching every selection (exact)' }),
  hits: Type.Array(ImageHit),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  minScore: Score,
  geoPrecision: Type.Integer({ description: 'Zoom level of the geo facet' }),
  facets: ImageFacets,
  newestIngestedAt: Type.Union([IsoTime, Type.Null()], {
    description: 'When the newest image was ingested, whatever the selection (freshness)',
  }),
});
export type ImageSearchResponse = Static<typeof ImageSearchResponse>;

export const TagSuggestionsQuery = Type.Object(
  {
    prefix: Type.Optional(
      Type.String({
        maxLength: 100,
        description: 'Start of the tag, any case; empty: the most frequent tags',
      }),
    ),
    minScore: MinScore,
    size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10, description: 'Suggestions' })),
  },
  { additionalProperties: false },
);
export type TagSuggestionsQuery = Static<typeof TagSuggestionsQuery>;

export const TagSuggestionsResponse = Type.Object({
  ...PartialField,
  minScore: Score,
  tags: Type.Array(
    Type.Object({ tag: Type.String(), count: Type.Integer({ description: 'Images with this tag' }) }),
  ),
});
export type TagSuggestionsResponse = Static<typeof TagSuggestionsResponse>;

export const ImageParams = Type.Object({
  imageId: Type.String({ minLength: 1, maxLength: 512, pattern: '^[^/]+$' }),
});
export type ImageParams = Static<typeof ImageParams>;

export const ImageDetailResponse = Type.Object({
  ...PartialField,
  imageId: Type.String(),
  hotelId: Type.Union([Type.String(), Type.Null()]),
  hotelName: Type.Union([Type.String(), Type.Null()]),
  url: Type.Union([Type.String(), Type.Null()]),
  width: Type.Union([Type.Integer(), Type.Null()]),
  height: Type.Union([Type.Integer(), Type.Null()]),
  orientation: Type.Union([Orientation, Type.Null()]),
  location: Location,
  labels: Type.Array(Type.String()),
  minScore: Score,
  tags: Type.Array(
    Type.Object({
      tag: Type.String(),
      score: Score,
      counted: Type.Boolean({ description: 'Score at or above the configured minimum' }),
    }),
    { description: 'Every tag, best first' },
  ),
  vision: Type.Object({
    labels: Type.Array(
      Type.Object({
        mid: Type.Union([Type.String(), Type.Null()]),
        description: Type.String(),
        score: Type.Union([Type.Number(), Type.Null()]),
        topicality: Type.Union([Type.Number(), Type.Null()]),
      }),
      { description: '`labelAnnotations` exactly as Vision returned them' },
    ),
    landmarks: Type.Array(
      Type.Object({
        mid: Type.Union([Type.String(), Type.Null()]),
        description: Type.String(),
        score: Type.Union([Type.Number(), Type.Null()]),
        locations: Type.Array(Type.Object({ lat: Type.Number(), lon: Type.Number() })),
      }),
    ),
    error: VisionError,
  }),
  ingestedAt: Type.Union([IsoTime, Type.Null()]),
});
export type ImageDetailResponse = Static<typeof ImageDetailResponse>;

export const PlaceholderParams = Type.Object({
  imageId: Type.String({ minLength: 1, maxLength: 512, pattern: '^[^/]+$' }),
});
export type PlaceholderParams = Static<typeof PlaceholderParams>;
