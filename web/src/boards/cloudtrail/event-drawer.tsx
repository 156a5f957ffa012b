import { useEffect, useId, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { cloudtrail } from '@lookout/server/types';
import { Panel } from '../../components/panel.tsx';
import { useCloseOnEscape } from '../../lib/use-keymap.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import { cloudtrailQueries } from './queries.ts';
import { pivotTo, type CloudtrailFiltersState } from './use-cloudtrail-filters.ts';

export interface EventDrawerProps {
  eventID: string;
  filters: CloudtrailFiltersState;
  tz: TimeZoneOption;
}

/** The raw record of the event in `?event=`, beside the list; a reload opens it again. */
export function EventDrawer({ eventID, filters, tz }: EventDrawerProps) {
  const titleId = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  const query = useQuery(cloudtrailQueries.event(eventID));
  const record = query.data?.record;
  const eventTime = typeof record?.eventTime === 'string' ? record.eventTime : undefined;
  const summary = useQuery({
    ...cloudtrailQueries.eventSummary(eventID, eventTime ?? ''),
    enabled: eventTime !== undefined,
  });
  const { update } = filters;

  const close = () => {
    update({ event: null });
    // Back to the row that opened the drawer, so the keyboard user keeps their place.
    const rows = document.querySelectorAll<HTMLElement>('tr[data-event-id]');
    [...rows].find((row) => row.dataset.eventId === eventID)?.focus();
  };

  useEffect(() => {
    closeRef.current?.focus();
  }, [eventID]);

  useCloseOnEscape(close);

  const eventName = typeof record?.eventName === 'string' ? record.eventName : undefined;
  const sourceIp = summary.data?.sourceIp ?? null;
  const principal = summary.data?.principal;

  return (
    <aside className="drawer cloudtrail-drawer" role="dialog" aria-modal="false" aria-labelledby={titleId}>
      <header className="drawer-header">
        <div>
          <h2 id={titleId}>{eventName ?? 'Event'}</h2>
          <p className="drawer-id">
            eventID <code>{eventID}</code>
            {query.data && (
              <>
                {' '}
                · index <code>{query.data.index}</code>
              </>
            )}
          </p>
        </div>
        <button ref={closeRef} type="button" onClick={close} aria-label="Close event" title="Close (Esc)">
          ×
        </button>
      </header>
      <div className="cloudtrail-drawer-actions">
        {query.data && <CopyJsonButton data={query.data} />}
        {sourceIp && (
          <button type="button" onClick={() => update(pivotTo('sourceIp', sourceIp))}>
            Everything from this IP
          </button>
        )}
        {principal && (
          <button type="button" onClick={() => update(pivotTo('principal', principal))}>
            Everything this principal did
          </button>
        )}
      </div>
      <Panel title="Raw record" query={query} tz={tz}>
        {(data) => (
          <pre className="cloudtrail-json" tabIndex={0} aria-label="Raw CloudTrail record (JSON)">
            {JSON.stringify(data.record, null, 2)}
          </pre>
        )}
      </Panel>
    </aside>
  );
}

function CopyJsonButton({ data }: { data: cloudtrail.EventRecordResponse }) {
  const [status, setStatus] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (status === 'idle') return;
    const timer = setTimeout(() => setStatus('idle'), 2_500);
    return () => clearTimeout(timer);
  }, [status]);

  const copy = async () => {
    const text = JSON.stringify(data.record, null, 2);
    try {
      await navigator.clipboard.writeText(text);
      setStatus('copied');
    } catch {
      // The clipboard API needs https or localhost; a plain-http intranet host still gets a copy.
      setStatus(copyWithTextarea(text) ? 'copied' : 'failed');
    }
  };

  return (
    <span className="cloudtrail-copy">
      <button type="button" onClick={() => void copy()}>
        Copy JSON
      </button>
      <span role="status" className={status === 'failed' ? 'cloudtrail-error' : 'cloudtrail-ok'}>
        {status === 'copied' ? 'Copied' : status === 'failed' ? 'Copy failed: select the text below' : ''}
      </span>
    </span>
  );
}

function copyWithTextarea(text: string): boolean {
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.append(area);
  area.select();
  try {
    return document.execCommand('copy');
  } catch {
    return false;
  } finally {
    area.remove();
  }
}
