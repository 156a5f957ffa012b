import { useMemo } from 'react';
import { Link } from 'react-router';
import type { traces } from '@lookout/server/types';
import { formatCount } from '../../lib/format-number.ts';
import { errorClass, layoutServiceMap } from './service-map-layout.ts';
import { formatDurationUs } from './span-text.ts';

type ServiceMapResponse = traces.ServiceMapResponse;

export interface ServiceMapProps {
  map: ServiceMapResponse;
  /** `?…` kept on the link to a service (the range and zone). */
  search: string;
}

/**
 * Who calls whom: callers left, callees right; a node's area is its traffic, its colour its error
 * rate; an edge says how many calls and their median latency. A node links to its service page.
 */
export function ServiceMap({ map, search }: ServiceMapProps) {
  const layout = useMemo(() => layoutServiceMap(map.services, map.edges), [map]);
  const at = new Map(layout.nodes.map((placed) => [placed.node.service, placed]));

  return (
    <figure className="traces-map">
      {/* A group, not an image: its nodes are links, and an image's content is not reachable. */}
      <svg
        role="group"
        aria-label={`Service map: ${map.services.length} services, ${map.edges.length} calls between them`}
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        width={layout.width}
        height={layout.height}
      >
        <defs>
          <marker
            id="traces-arrow"
            viewBox="0 0 10 10"
            refX="10"
            refY="5"
            markerWidth="6"
            markerHeight="6"
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" className="traces-map-arrow" />
          </marker>
        </defs>
        {map.edges.map((edge) => {
          const from = at.get(edge.parent);
          const to = at.get(edge.child);
          if (!from || !to) return null;
          const dx = to.x - from.x;
          const dy = to.y - from.y;
          const length = Math.hypot(dx, dy) || 1;
          const x1 = from.x + (dx / length) * from.radius;
          const y1 = from.y + (dy / length) * from.radius;
          const x2 = to.x - (dx / length) * (to.radius + 2);
          const y2 = to.y - (dy / length) * (to.radius + 2);
          const errorRate = edge.calls > 0 ? edge.errors / edge.calls : 0;
          return (
            <g
              key={`${edge.parent}->${edge.child}`}
              className={`traces-map-edge traces-map-${errorClass(errorRate)}`}
            >
              <title>{`${edge.parent} → ${edge.child}: ${formatCount(edge.calls)} calls, ${formatCount(edge.errors)} errors, p50 ${formatDurationUs(edge.p50Us)}, p95 ${formatDurationUs(edge.p95Us)}`}</title>
              <line x1={x1} y1={y1} x2={x2} y2={y2} markerEnd="url(#traces-arrow)" />
              <text x={(x1 + x2) / 2} y={(y1 + y2) / 2 - 4} textAnchor="middle">
                {formatCount(edge.calls)} · {formatDurationUs(edge.p50Us)}
              </text>
            </g>
          );
        })}
        {layout.nodes.map(({ node, x, y, radius, errorRate }) => (
          <Link
            key={node.service}
            to={{ pathname: `/traces/services/${encodeURIComponent(node.service)}`, search }}
            className={`traces-map-node traces-map-${errorClass(errorRate)}`}
            aria-label={`${node.service}: ${formatCount(node.spans)} spans, ${(errorRate * 100).toFixed(1)}% errors`}
          >
            <title>{`${node.service}: ${formatCount(node.spans)} spans, ${formatCount(node.errors)} errors, p95 ${formatDurationUs(node.p95Us)}`}</title>
            <circle cx={x} cy={y} r={radius} />
            <text x={x} y={y + radius + 14} textAnchor="middle">
              {node.service}
            </text>
          </Link>
        ))}
      </svg>
      <figcaption className="chart-caption">
        Node area: spans in the range; colour: error rate (green under 1%, amber under 5%, red above); edge
        label: calls · median latency. Computed from the stored spans, no batch job.
      </figcaption>
    </figure>
  );
}
