import type { Client } from '@elastic/elasticsearch';
import { engineOf } from './engine.ts';

/**
 * A point in time: a frozen view of an index pattern that pages with search_after read
 * consistently while documents keep arriving. The one API that differs between engines:
 * Elasticsearch has `POST /<index>/_pit` → `{ id }` and `DELETE /_pit { id }`; OpenSearch (2.4+)
 * has `POST /<index>/_search/point_in_time` → `{ pit_id }` and
 * `DELETE /_search/point_in_time { pit_id: [...] }`. Searches name it the same way on both:
 * `pit: { id, keep_alive }` in the body, no index.
 */
export interface PointInTime {
  id: string;
  keepAlive: string;
  close(): Promise<void>;
}

/** Undefined when the engine or the credentials refuse one: the caller pages without it. */
export async function openPointInTime(
  client: Client,
  index: string,
  keepAlive = '2m',
): Promise<PointInTime | undefined> {
  const engine = await engineOf(client).catch(() => undefined);
  try {
    if (engine?.family === 'opensearch') {
      const opened = await client.transport.request<{ pit_id: string }>({
        method: 'POST',
        path: `/${encodeURIComponent(index)}/_search/point_in_time`,
        querystring: { keep_alive: keepAlive, allow_partial_pit_creation: false },
      });
      const id = opened.pit_id;
      return {
        id,
        keepAlive,
        close: () =>
          client.transport
            .request({ method: 'DELETE', path: '/_search/point_in_time', body: { pit_id: [id] } })
            .then(() => undefined),
      };
    }
    const opened = await client.openPointInTime({ index, keep_alive: keepAlive, ignore_unavailable: true });
    return {
      id: opened.id,
      keepAlive,
      close: () => client.closePointInTime({ id: opened.id }).then(() => undefined),
    };
  } catch (error) {
    const status = (error as { statusCode?: number } | undefined)?.statusCode;
    // 4xx: no such API here, no privilege for it, or no such index; the plain search says which.
    // Anything else (engine down) is the request's error.
    if (status !== undefined && status >= 400 && status < 500) return undefined;
    throw error;
  }
}
