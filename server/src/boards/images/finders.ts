import { defineFinder } from '../../core/board.ts';

const index = (config: { images: { index: string } }) => config.images.index;
const board = (parameters: Record<string, string>) => `/images?${new URLSearchParams(parameters).toString()}`;

/** Image metadata has no event time: ids and hotels are found whatever the range. */
export const imagesFinders = [
  defineFinder({
    what: 'image',
    accepts: ['text'],
    index,
    fields: ['imageId'],
    match: 'exact',
    link: (value) => board({ image: value }),
  }),
  defineFinder({
    what: 'hotel',
    accepts: ['text'],
    index,
    fields: ['hotelId', 'hotelName'],
    match: 'exact',
    linkFields: ['hotelId'],
    link: (value, found) => board({ hotel: String(found.source.hotelId ?? value) }),
  }),
];
