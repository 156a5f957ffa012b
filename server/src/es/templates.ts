import type { Client } from '@elastic/elasticsearch';
import type { IndexTemplate } from '../core/board.ts';

export type { IndexTemplate } from '../core/board.ts';

/**
 * Installs composable index templates. `PUT _index_template` replaces a template of the same
 * name, so running it again is harmless (idempotent); existing indices keep their mappings.
 */
export async function installIndexTemplates(client: Client, templates: IndexTemplate[]): Promise<string[]> {
  for (const template of templates) {
    await client.indices.putIndexTemplate({ name: template.name, ...template.body });
  }
  return templates.map((template) => template.name);
}
