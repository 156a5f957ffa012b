import type { containers } from '@lookout/server/types';
import { Swatch } from '../../components/swatch.tsx';
import { reasonStyle } from './reason-classes.ts';

/** The reason class in its chart colour, with its name in words (colour is never the only cue). */
export function ReasonBadge({ reason }: { reason: containers.ReasonClass }) {
  const style = reasonStyle(reason);
  return (
    <span className="containers-reason" title={style.description}>
      <Swatch color={style.color} />
      {style.label}
    </span>
  );
}

export function CrashLoopBadge() {
  return (
    <span
      className="containers-badge containers-badge-crash-loop"
      title="This service keeps failing to start"
    >
      crash loop
    </span>
  );
}

const ALERT_STATUS_LABELS: Record<containers.AlertRow['status'], string> = {
  sending: 'sending',
  delivered: 'delivered',
  retrying: 'retrying',
  gave_up: 'gave up',
};

export function AlertStatusBadge({ status }: { status: containers.AlertRow['status'] }) {
  return (
    <span className={`containers-badge containers-alert-${status}`} data-status={status}>
      {ALERT_STATUS_LABELS[status]}
    </span>
  );
}
