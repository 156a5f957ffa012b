import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import { createEsClient } from '../src/es/client.ts';
import { installIndexTemplates, type IndexTemplate } from '../src/es/templates.ts';
import { cloudtrailIndexTemplate } from '../src/boards/cloudtrail/mapping.ts';
import { imagesIndexTemplate } from '../src/boards/images/mapping.ts';
import { ingestCommand } from '../src/cli/ingest-command.ts';
import { handCountedRecords, writeAsDelivered } from './cloudtrail-records.ts';
import { handCountedImages, writeNdjson } from './images-records.ts';
import { testConfig, uniqueIndex } from './helpers.ts';

/**
 * Under its own name, one priority above the app's template (which the command installs), with a
 * refresh interval far longer than the test: what the test finds, the command made searchable.
 */
function slowRefresh(template: IndexTemplate, suffix: string): IndexTemplate {
  const settings = template.body.template?.settings ?? {};
  return {
    name: `${template.name}-${suffix}`,
    body: {
      ...template.body,
      priority: 201,
      template: { ...template.body.template, settings: { ...settings, refresh_interval: '30s' } },
    },
  };
}

describe('read-your-writes: an ingest command that says it is done has made its data searchable', () => {
  const prefix = `${uniqueIndex('ct-ryw')}-`;
  const imagesIndex = uniqueIndex('lookout-images-ryw');
  const templates = [
    slowRefresh(cloudtrailIndexTemplate(prefix), 'ryw'),
    slowRefresh(imagesIndexTemplate(imagesIndex), 'ryw'),
  ];
  const savedEnv = { ...process.env };
  let client: Client;
  let dir: string;

  beforeAll(async () => {
    client = createEsClient(testConfig().es);
    await installIndexTemplates(client, templates);
    dir = await mkdtemp(path.join(tmpdir(), 'lookout-ryw-'));
    // The command reads its configuration from the environment, as `npm run lookout` does.
    process.env.CLOUDTRAIL_INDEX_PREFIX = prefix;
    process.env.IMAGES_INDEX = imagesIndex;
  });

  afterAll(async () => {
    process.env = savedEnv;
    // Deleting by wildcard is refused (action.destructive_requires_name): by name.
    const indices = await client.indices.get({
      index: `${prefix}*,${imagesIndex}`,
      ignore_unavailable: true,
    });
    if (Object.keys(indices).length > 0) await client.indices.delete({ index: Object.keys(indices) });
    for (const template of templates) await client.indices.deleteIndexTemplate({ name: template.name });
    await rm(dir, { recursive: true, force: true });
    await client.close();
  });

  it('finds every CloudTrail record right after `ingest cloudtrail` returns', async () => {
    const records = handCountedRecords();
    const logs = await writeAsDelivered(path.join(dir, 'cloudtrail'), records);
    expect(await ingestCommand(['cloudtrail', logs])).toBe(0);

    const index = `${prefix}2026.11.20`;
    const settings = await client.indices.getSettings({ index, name: 'index.refresh_interval' });
    expect(settings[index]?.settings?.index?.refresh_interval).toBe('30s');
    expect((await client.count({ index: `${prefix}*` })).count).toBe(records.length);
  });

  it('finds every image right after `ingest images` returns', async () => {
    const images = handCountedImages();
    const file = await writeNdjson(path.join(dir, 'hotels.ndjson'), images);
    expect(await ingestCommand(['images', file])).toBe(0);

    expect((await client.count({ index: imagesIndex })).count).toBe(images.length);
  });
});
