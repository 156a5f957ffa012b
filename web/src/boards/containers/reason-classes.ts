import type { containers } from '@lookout/server/types';

// Reason classes in a fixed order and colour, so the chart, the legend, the filter and the badges
// agree and a colour means the same thing on every visit. The order goes from "never started"
// (the platform could not give the container what it needs) to "started and then died".

export interface ReasonStyle {
  label: string;
  color: string;
  /** One line for the legend's title and the filter: what falls into the class. */
  description: string;
}

// A Record over the server's union: adding a class there fails the type check here until it has
// a label and a colour.
const STYLES: Record<containers.ReasonClass, ReasonStyle> = {
  'image-pull': {
    label: 'Image pull',
    color: '#4e79a7',
    description: 'CannotPullContainerError: the image or its tag could not be pulled',
  },
  'resource-init': {
    label: 'Resource init',
    color: '#76b7b2',
    description: 'ResourceInitializationError: secrets, volumes or network interfaces',
  },
  'cannot-start': {
    label: 'Cannot start',
    color: '#edc948',
    description: 'CannotStartContainerError / CannotCreateContainerError',
  },
  'out-of-memory': {
    label: 'Out of memory',
    color: '#e15759',
    description: 'OutOfMemory, or exit 137 (killed)',
  },
  command: {
    label: 'Command',
    color: '#b07aa1',
    description: 'exit 126/127: entrypoint not executable or not found',
  },
  crash: { label: 'Crash', color: '#ff9da7', description: 'exit 139/134: segmentation fault or abort' },
  'app-error': { label: 'App error', color: '#f28e2b', description: 'any other non-zero exit code' },
  'health-check': {
    label: 'Health check',
    color: '#59a14f',
    description: 'failed container or load balancer health checks',
  },
  other: { label: 'Other', color: '#9c755f', description: 'TaskFailedToStart without a known reason' },
};

export const REASON_ORDER: readonly containers.ReasonClass[] = [
  'image-pull',
  'resource-init',
  'cannot-start',
  'out-of-memory',
  'command',
  'crash',
  'app-error',
  'health-check',
  'other',
];

/** Failures the server counted under a class this build does not know (a newer server). */
export const UNLISTED_REASON: ReasonStyle = {
  label: 'Unlisted reason',
  color: '#6e7781',
  description: 'a reason class this version of the page does not know',
};

export function isReasonClass(value: string): value is containers.ReasonClass {
  return (REASON_ORDER as readonly string[]).includes(value);
}

export function reasonStyle(reason: containers.ReasonClass): ReasonStyle {
  return STYLES[reason];
}
