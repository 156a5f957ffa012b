import type { Client } from '@elastic/elasticsearch';
import type { HealthResponse } from '../core/health-schema.ts';
import { detectEngine, rememberEngine, unsupportedReason } from './engine.ts';

type EsHealth = HealthResponse['elasticsearch'];

/**
 * Asks the engine for its cluster health and what it is (`OpenSearch 2.19.6`). Each check asks
 * again and remembers the answer for the client, so an engine upgraded or swapped behind the same
 * URL is seen at the next check after the reconnect. A read-only key without `monitor` still gets
 * the health, without the version.
 */
export async function checkElasticsearch(client: Client, url: string, timeoutMs: number): Promise<EsHealth> {
  const options = { requestTimeout: timeoutMs, maxRetries: 0 };
  try {
    const health = await client.cluster.health({}, options);
    const engine = await detectEngine(client, options);
    rememberEngine(client, engine);
    const unsupported = engine && unsupportedReason(engine);
    return {
      reachable: true,
      url,
      version: engine?.version,
      engine: engine?.label,
      distribution: engine?.family,
      clusterName: health.cluster_name,
      clusterStatus: health.status.toLowerCase() as EsHealth['clusterStatus'],
      ...(unsupported ? { error: unsupported } : {}),
    };
  } catch (error) {
    return { reachable: false, url, error: error instanceof Error ? error.message : String(error) };
  }
}
