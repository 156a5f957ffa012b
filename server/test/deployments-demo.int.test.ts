import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import { createEsClient } from '../src/es/client.ts';
import { installIndexTemplates } from '../src/es/templates.ts';
import { deploymentsIndexTemplate } from '../src/boards/deployments/mapping.ts';
import { silentProgress } from '../src/core/progress.ts';
import { deploymentsBoard } from '../src/boards/deployments/board.ts';
import { buildKpisSearch } from '../src/boards/deployments/query.ts';
import { shapeKpis } from '../src/boards/deployments/shape.ts';
import { registryOutage } from '../src/boards/deployments/demo/generate-events.ts';
import { testConfig, uniqueIndex } from './helpers.ts';

describe('deployments demo data in the real Elasticsearch', () => {
  const index = uniqueIndex('lookout-deployments-demo');
  const config = testConfig({ DEPLOYMENTS_INDEX: index });
  const options = { days: 1, scale: 1, seed: 11, now: new Date('2026-11-26T12:00:00Z') };
  let client: Client;

  const templateName = `lookout-deployments-${index}`;

  beforeAll(async () => {
    client = createEsClient(config.es);
    const template = deploymentsIndexTemplate(index);
    await installIndexTemplates(client, [{ name: templateName, body: { ...template.body, priority: 300 } }]);
  });

  afterAll(async () => {
    await client.indices.delete({ index, ignore_unavailable: true });
    await client.indices.deleteIndexTemplate({ name: templateName }).catch(() => undefined);
    await client.close();
  });

  it('has no data before seeding, then stores every generated event once, even when seeded twice', async () => {
    const demo = deploymentsBoard.demo!;
    expect(await demo.hasData(client, config)).toBe(false);
    const first = await demo.seed({ client, config, options, progress: silentProgress });
    expect(first.indexed).toBeGreaterThan(1_500);
    expect(first).toMatchObject({ alreadyPresent: 0, rejected: 0 });
    expect(await demo.hasData(client, config)).toBe(true);
    const second = await demo.seed({ client, config, options, progress: silentProgress });
    expect(second).toMatchObject({ indexed: 0, alreadyPresent: first.indexed, rejected: 0 });
    const platform = await client.count({ index, query: { term: { cause: 'platform' } } });
    expect(platform.count).toBeGreaterThan(0);
  });

  it('shows the registry outage as a platform incident', async () => {
    const outage = registryOutage(options);
    const range = { fromMs: options.now.getTime() - 86_400_000, toMs: options.now.getTime() };
    const kpis = shapeKpis(await client.search(buildKpisSearch({}, { index, range })));
    expect(kpis.platformIncidents).toHaveLength(1);
    expect(Date.parse(kpis.platformIncidents[0]!.from)).toBeLessThanOrEqual(outage.fromMs);
    expect(Date.parse(kpis.platformIncidents[0]!.to)).toBeGreaterThanOrEqual(outage.toMs);
  });
});
