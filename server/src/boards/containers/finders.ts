import { defineFinder } from '../../core/board.ts';

const index = (config: { containers: { eventsIndex: string } }) => config.containers.eventsIndex;
/** Ids of one task are found at any age, and open that task's failure page. */
const oneTask = {
  index,
  match: 'exact',
  timeField: '@timestamp',
  anyAge: true,
  linkFields: ['lookout.taskId'],
  link: (value: string, found: { source: Record<string, unknown> }) =>
    `/containers/failures/${encodeURIComponent(String(found.source['lookout.taskId'] ?? value))}`,
} as const;

/**
 * Where a pasted value occurs in the ECS task events. Tasks and containers are ids, found at any
 * age, and open the task's failure page; a service opens the board filtered to it.
 */
export const containersFinders = [
  defineFinder({
    what: 'task',
    // Task ids are 32 hex digits (the shape of a trace id) or, for old tasks, UUIDs.
    accepts: ['arn', 'uuid', 'trace-id'],
    fields: ['lookout.taskArn', 'lookout.taskId'],
    ...oneTask,
  }),
  defineFinder({
    what: 'container',
    accepts: ['container-id'],
    fields: ['lookout.runtimeIds'],
    ...oneTask,
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
