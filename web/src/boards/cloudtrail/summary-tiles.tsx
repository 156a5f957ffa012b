import type { cloudtrail } from '@lookout/server/types';
import { formatCount } from '../../lib/format-number.ts';

export function SummaryTiles({ data }: { data: cloudtrail.SummaryResponse }) {
  const failureShare = data.total > 0 ? (data.failures / data.total) * 100 : 0;
  return (
    <dl className="cloudtrail-tiles">
      <div className="cloudtrail-tile">
        <dt>Events</dt>
        <dd>{formatCount(data.total)}</dd>
      </div>
      <div className={data.failures > 0 ? 'cloudtrail-tile cloudtrail-tile-bad' : 'cloudtrail-tile'}>
        <dt>Failures</dt>
        <dd>
          {formatCount(data.failures)}
          {data.total > 0 && (
            <small> ({failureShare < 0.1 && data.failures > 0 ? '<0.1' : failureShare.toFixed(1)}%)</small>
          )}
        </dd>
      </div>
      <div className="cloudtrail-tile">
        <dt>Distinct principals</dt>
        <dd>{formatCount(data.distinctPrincipals)}</dd>
      </div>
      <div className="cloudtrail-tile">
        <dt>Distinct source IPs</dt>
        <dd>{formatCount(data.distinctIps)}</dd>
      </div>
    </dl>
  );
}
