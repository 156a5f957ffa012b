import type { Client, estypes } from '@elastic/elasticsearch';
import type { IndexTemplate } from '../core/board.ts';
import { engineOf, type EngineInfo } from './engine.ts';

export type { IndexTemplate } from '../core/board.ts';

type Mapping = estypes.MappingTypeMapping | estypes.MappingProperty;

/**
 * Boards map free-form producer objects as Elasticsearch's `flattened`; OpenSearch (2.7+) has the
 * same idea as `flat_object`: one field, searchable by any leaf value (`term: {requestParameters:
 * "vol-1"}`) and by dotted key (`requestParameters.volumeId`), which is all the boards ask of it.
 * It takes none of flattened's parameters (`ignore_above`, `depth_limit`), so they are dropped.
 */
function forEngine(mapping: Mapping, engine: EngineInfo | undefined): Mapping {
  if (engine?.family !== 'opensearch') return mapping;
  if ('type' in mapping && mapping.type === 'flattened') {
    return { type: 'flat_object' } as unknown as estypes.MappingProperty;
  }
  const adapted: Record<string, unknown> = { ...mapping };
  for (const key of ['properties', 'fields'] as const) {
    const children = (mapping as Record<string, unknown>)[key] as Record<string, Mapping> | undefined;
    if (children) {
      adapted[key] = Object.fromEntries(
        Object.entries(children).map(([name, child]) => [name, forEngine(child, engine)]),
      );
    }
  }
  return adapted as Mapping;
}

/** The template as the engine behind the client needs it (see `forEngine`); the input is not changed. */
export function templateForEngine(template: IndexTemplate, engine: EngineInfo | undefined): IndexTemplate {
  const mappings = template.body.template?.mappings;
  if (!mappings) return template;
  return {
    ...template,
    body: {
      ...template.body,
      template: {
        ...template.body.template,
        mappings: forEngine(mappings, engine) as estypes.MappingTypeMapping,
      },
    },
  };
}

/**
 * Installs composable index templates, adapted to the engine. `PUT _index_template` replaces a
 * template of the same name, so running it again is harmless (idempotent); existing indices keep
 * their mappings.
 */
export async function installIndexTemplates(client: Client, templates: IndexTemplate[]): Promise<string[]> {
  const engine = await engineOf(client);
  for (const template of templates) {
    const adapted = templateForEngine(template, engine);
    await client.indices.putIndexTemplate({ name: adapted.name, ...adapted.body });
  }
  return templates.map((template) => template.name);
}
