import { defineFinder } from '../../core/board.ts';
import { IP_SHAPES } from '../../core/value-shapes.ts';

const index = (config: { cloudtrail: { indexPrefix: string } }) => `${config.cloudtrail.indexPrefix}*`;
const board = (parameters: Record<string, string>) =>
  `/cloudtrail?${new URLSearchParams(parameters).toString()}`;

/** Where a pasted value occurs in CloudTrail; each link is the board's own filter (use-cloudtrail-filters.ts). */
export const cloudtrailFinders = [
  defineFinder({
    what: 'eventID',
    accepts: ['uuid'],
    index,
    fields: ['eventID'],
    match: 'exact',
    timeField: '@timestamp',
    anyAge: true,
    link: (value) => board({ event: value }),
  }),
  defineFinder({
    what: 'source IP',
    accepts: IP_SHAPES,
    index,
    fields: ['lookout.sourceIp'],
    match: 'exact',
    timeField: '@timestamp',
    link: (value) => board({ sourceIp: value }),
  }),
  defineFinder({
    what: 'access key id',
    accepts: ['aws-access-key-id'],
    index,
    fields: ['userIdentity.accessKeyId'],
    match: 'exact',
    timeField: '@timestamp',
    link: (value) => board({ q: value }),
  }),
  defineFinder({
    what: 'principal',
    accepts: ['arn', 'text'],
    index,
    fields: ['lookout.principal', 'userIdentity.arn', 'userIdentity.sessionContext.sessionIssuer.arn'],
    match: 'exact',
    timeField: '@timestamp',
    linkFields: ['lookout.principal'],
    // The board filters by the derived principal (`user/alice`), whichever form was pasted.
    link: (value, found) => board({ principal: String(found.source['lookout.principal'] ?? value) }),
  }),
  defineFinder({
    what: 'resource id',
    accepts: ['aws-resource-id', 'arn'],
    index,
    fields: ['lookout.resourceIds'],
    match: 'exact',
    timeField: '@timestamp',
    link: (value) => board({ q: value }),
  }),
];
