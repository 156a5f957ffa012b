import type { Client } from '@elastic/elasticsearch';
import { installIndexTemplates, type IndexTemplate } from '../src/es/templates.ts';
import { cloudtrailIndexTemplate } from '../src/boards/cloudtrail/mapping.ts';
import { imagesIndexTemplate } from '../src/boards/images/mapping.ts';
import { deploymentsIndexTemplate } from '../src/boards/deployments/mapping.ts';
import { uniqueIndex } from './helpers.ts';

/**
 * Empty indices of every board under names of their own, so the resilience tests exercise every
 * endpoint without depending on (or disturbing) other files' data in the shared engine.
 */
export interface ResilienceIndices {
  /** The app's environment for these indices. */
  env: Record<string, string>;
  cloudtrailPrefix: string;
  remove(): Promise<void>;
}

export async function createResilienceIndices(client: Client, name: string): Promise<ResilienceIndices> {
  const id = uniqueIndex(name);
  const cloudtrailPrefix = `${id}-ct-`;
  const images = `${id}-images`;
  const deployments = `${id}-deploys`;
  // Own names, one priority above the app's templates, which are shared by the whole engine.
  const templates: IndexTemplate[] = [
    cloudtrailIndexTemplate(cloudtrailPrefix),
    imagesIndexTemplate(images),
    deploymentsIndexTemplate(deployments),
  ].map((template) => ({
    name: `${template.name}-${id}`,
    body: { ...template.body, priority: 300 },
  }));
  await installIndexTemplates(client, templates);
  for (const index of [`${cloudtrailPrefix}2026.11.26`, images, deployments]) {
    await client.indices.create({ index });
  }
  return {
    env: { CLOUDTRAIL_INDEX_PREFIX: cloudtrailPrefix, IMAGES_INDEX: images, DEPLOYMENTS_INDEX: deployments },
    cloudtrailPrefix,
    async remove() {
      // Deleting by wildcard is refused (action.destructive_requires_name): list, then name them.
      const names = Object.keys(await client.indices.get({ index: `${id}-*`, allow_no_indices: true }));
      if (names.length > 0) await client.indices.delete({ index: names.join(',') });
      for (const template of templates) {
        await client.indices.deleteIndexTemplate({ name: template.name }).catch(() => undefined);
      }
    },
  };
}

/** One URL per board endpoint that reads Elasticsearch (the SNS ingest endpoint has its own test). */
export const BOARD_ENDPOINTS = [
  '/api/cloudtrail/top-calls?from=now-24h',
  '/api/cloudtrail/events?from=now-24h&q=RunInstances',
  '/api/cloudtrail/events/00000000-0000-4000-8000-000000000001',
  '/api/cloudtrail/unknown-ips?from=now-24h',
  '/api/cloudtrail/summary?from=now-24h',
  '/api/deployments/kpis',
  '/api/deployments/failures',
  '/api/deployments/services',
  '/api/deployments/stages',
  '/api/images/search?tags=pool',
  '/api/images/tags?prefix=po',
  '/api/images/img-1',
  '/api/images/placeholder/img-1.svg',
];
