import type { Client } from '@elastic/elasticsearch';
import type { HealthResponse } from '../core/health-schema.ts';

type EsHealth = HealthResponse['elasticsearch'];

/**
 * Asks the engine for its cluster health and version. The local integ-test engine does not
 * answer `GET /`, so the version comes from the local node's info instead.
 */
export async function checkElasticsearch(client: Client, url: string, timeoutMs: number): Promise<EsHealth> {
  const options = { requestTimeout: timeoutMs, maxRetries: 0 };
  try {
    const health = await client.cluster.health({}, options);
    const version = await nodeVersion(client, options);
    return {
      reachable: true,
      url,
      version,
      clusterName: health.cluster_name,
      clusterStatus: health.status.toLowerCase() as EsHealth['clusterStatus'],
    };
  } catch (error) {
    return { reachable: false, url, error: error instanceof Error ? error.message : String(error) };
  }
}

async function nodeVersion(
  client: Client,
  options: { requestTimeout: number; maxRetries: number },
): Promise<string | undefined> {
  try {
    const info = await client.nodes.info(
      { node_id: '_local', metric: '_none', filter_path: 'nodes.*.version' },
      options,
    );
    return Object.values(info.nodes ?? {})[0]?.version;
  } catch {
    // A read-only API key may lack the `monitor` privilege: health still answers, without a version.
    return undefined;
  }
}
