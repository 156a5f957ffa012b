import { defineFinder } from '../../core/board.ts';

const index = (config: { deployments: { index: string } }) => config.deployments.index;
const board = (parameters: Record<string, string>) =>
  `/deployments?${new URLSearchParams(parameters).toString()}`;

/** Where a pasted value occurs in deploy/release events; links use the board's filters (use-deployments-filters.ts). */
export const deploymentsFinders = [
  defineFinder({
    what: 'service',
    accepts: ['text'],
    index,
    fields: ['service'],
    match: 'exact',
    timeField: '@timestamp',
    link: (value) => board({ service: value }),
  }),
  defineFinder({
    what: 'environment',
    accepts: ['text'],
    index,
    fields: ['environment'],
    match: 'exact',
    timeField: '@timestamp',
    link: (value) => board({ environment: value }),
  }),
  defineFinder({
    what: 'deployment',
    // A deployment id, or the SNS MessageId of one event: ids, found at any age.
    accepts: ['text'],
    index,
    fields: ['deploymentId', 'eventId'],
    match: 'exact',
    timeField: '@timestamp',
    anyAge: true,
    linkFields: ['service'],
    // The board has no per-deployment view: its service, an hour either side of the deploy.
    link: (value, found) => board({ service: String(found.source.service ?? value) }),
  }),
];
