import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ExportMenu } from '../../components/export-menu.tsx';
import { Link } from 'react-router';
import type { cloudtrail } from '@lookout/server/types';
import { Panel } from '../../components/panel.tsx';
import { useListNavigation } from '../../lib/use-list-navigation.ts';
import { formatRange, toDateTimeLocalValue, zoneLabel } from '../../lib/format-time.ts';
import type { TimeZoneOption } from '../../lib/time-range.ts';
import { useRefreshInterval } from '../../lib/use-time-range.ts';
import { countOf, formatCount } from '../../lib/format-number.ts';
import { cloudtrailQueries } from './queries.ts';
import type { CloudtrailFiltersState } from './use-cloudtrail-filters.ts';

/** The busiest few; the rest behind a button, so the column does not push everything else away. */
const FIRST_SHOWN = 6;

export function UnknownIpsPanel({ filters, tz }: { filters: CloudtrailFiltersState; tz: TimeZoneOption }) {
  const [showAll, setShowAll] = useState(false);
  const refetchInterval = useRefreshInterval();
  const query = useQuery({ ...cloudtrailQueries.unknownIps(filters.boardParams), refetchInterval });
  return (
    <Panel
      title="Calls from unknown IPs"
      query={query}
      tz={tz}
      actions={<ExportMenu path="/api/cloudtrail/unknown-ips" params={filters.boardParams} />}
    >
      {(data) => (
        <>
          <p className="cloudtrail-note">
            Known networks:{' '}
            {data.knownNetworks.length > 0 ? (
              data.knownNetworks.map((cidr, i) => (
                <span key={cidr}>
                  {i > 0 && ', '}
                  <code>{cidr}</code>
                </span>
              ))
            ) : (
              <>none configured (set KNOWN_CIDRS), so every address counts as unknown</>
            )}
          </p>
          {data.ips.length === 0 ? (
            <p className="panel-state panel-empty">No calls from unknown IPs in this time range.</p>
          ) : (
            <UnknownIpsList
              ips={showAll ? data.ips : data.ips.slice(0, FIRST_SHOWN)}
              filters={filters}
              tz={tz}
            />
          )}
          {data.ips.length > FIRST_SHOWN && (
            <button type="button" className="cloudtrail-show-all" onClick={() => setShowAll(!showAll)}>
              {showAll ? `Show the first ${FIRST_SHOWN}` : `Show all ${formatCount(data.ips.length)} IPs`}
            </button>
          )}
        </>
      )}
    </Panel>
  );
}

/** `2026-11-25 11:25 → 2026-11-25 11:37 UTC`, or one time when both fall in the same minute. */
function seenBetween(firstSeen: string, lastSeen: string, tz: TimeZoneOption): string {
  if (!firstSeen || !lastSeen) return 'time unknown';
  const first = new Date(firstSeen);
  const last = new Date(lastSeen);
  const firstText = toDateTimeLocalValue(first, tz);
  if (firstText === toDateTimeLocalValue(last, tz))
    return `${firstText.replace('T', ' ')} ${zoneLabel(first, tz)}`;
  return formatRange(first, last, tz, 'minute');
}

/** j/k move from address to address; Enter follows its link (the events from it). */
function UnknownIpsList({
  ips,
  filters,
  tz,
}: {
  ips: cloudtrail.UnknownIpsResponse['ips'];
  filters: CloudtrailFiltersState;
  tz: TimeZoneOption;
}) {
  const navigation = useListNavigation(ips.map((ip) => ip.ip));
  return (
    <ul className="cloudtrail-list" aria-label="Unknown IPs" {...navigation.listProps}>
      {ips.map((ip) => (
        <li key={ip.ip}>
          <div className="cloudtrail-list-head">
            <Link
              to={{ search: filters.searchFor({ sourceIp: [ip.ip], event: null }) }}
              {...navigation.rowProps(ip.ip, { selectable: false })}
            >
              <code>{ip.ip}</code>
            </Link>
            <span className="cloudtrail-count">{countOf(ip.count, 'event')}</span>
          </div>
          <p className="cloudtrail-detail">{seenBetween(ip.firstSeen, ip.lastSeen, tz)}</p>
          <dl className="cloudtrail-facts">
            <dt>Principals</dt>
            <dd>{ip.principals.join(', ') || '—'}</dd>
            <dt>Accounts</dt>
            <dd>{ip.accounts.join(', ') || '—'}</dd>
            <dt>Top calls</dt>
            <dd>
              {ip.topCalls.map((call) => `${call.eventName} (${formatCount(call.count)})`).join(', ') || '—'}
            </dd>
          </dl>
        </li>
      ))}
    </ul>
  );
}
