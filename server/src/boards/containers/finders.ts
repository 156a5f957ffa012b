import { defineFinder } from '../../core/board.ts';

const index = (config: { containers: { eventsIndex: string } }) => config.containers.eventsIndex;
const failurePage = (value: string, found: { source: Record<string, unknown> }) =>
  `/containers/failures/${encodeURIComponent(String(found.source['lookout.taskId'] ?? value))}`;

/**
 * Where a pasted value occurs in the ECS task events. Tasks and containers are ids, found at any
 * age, and open the task's failure page; a service opens the board filtered to it.
 */
export const containersFinders = [
  defineFinder({
    what: 'task',
    // Task ids are 32 hex digits (the shape of a trace id) or, for old tasks, UUIDs.
    accepts: ['arn', 'uuid', 'trace-id'],
    index,
    fields: ['lookout.taskArn', 'lookout.taskId'],
    match: 'exact',
    timeField: '@timestamp',
    anyAge: true,
    linkFields: ['lookout.taskId'],
    link: failurePage,
  }),
  defineFinder({
    what: 'container',
    accepts: ['container-id'],
    index,
    fields: ['lookout.runtimeIds'],
    match: 'exact',
    timeField: '@timestamp',
    anyAge: true,
    linkFields: ['lookout.taskId'],
    link: failurePage,
  }),
  defineFinder({
    what: 'service',
    accepts: ['text'],
    index,
    fields: ['lookout.service'],
    match: 'exact',
    timeField: '@timestamp',
    link: (value) => `/containers?${new URLSearchParams({ service: value }).toString()}`,
  }),
];
