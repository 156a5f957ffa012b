import { defineFinder } from '../../core/board.ts';
import { spanIndexPattern } from './mapping.ts';

const index = spanIndexPattern;

/** Ids are stored lowercase and left-padded (a 64-bit trace id is 16 zeros and its 16 digits). */
const paddedTo = (length: number) => (value: string) => value.toLowerCase().padStart(length, '0');

/** Where a pasted value occurs in the traces; each link opens the trace, span or service page. */
export const tracesFinders = [
  defineFinder({
    what: 'trace',
    accepts: ['trace-id'],
    index,
    fields: ['trace_id'],
    match: 'exact',
    timeField: '@timestamp',
    anyAge: true,
    normalise: paddedTo(32),
    link: (traceId) => `/traces/${traceId}`,
  }),
  defineFinder({
    what: 'span',
    // A 16-hex value is a span id as often as a 64-bit trace id: both are asked.
    accepts: ['trace-id'],
    index,
    fields: ['span_id'],
    match: 'exact',
    timeField: '@timestamp',
    anyAge: true,
    normalise: (value) => (value.length === 16 ? value.toLowerCase() : null),
    linkFields: ['trace_id'],
    link: (spanId, found) => `/traces/${String(found.source.trace_id)}?span=${spanId}`,
  }),
  defineFinder({
    what: 'service',
    accepts: ['text'],
    index,
    fields: ['service'],
    match: 'exact',
    timeField: '@timestamp',
    link: (service) => `/traces/services/${encodeURIComponent(service)}`,
  }),
];
