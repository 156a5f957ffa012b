/**
 * The images board as it was before issue #18 (mapping version 1), kept for the bench's "before"
 * column only: no `tags_min_*` fields, global ordinals built by the first search after a refresh.
 */
import type { estypes } from '@elastic/elasticsearch';
import {
  imagesIndexTemplate,
  MAPPING_VERSION_KEY,
  SCORE_THRESHOLDS,
  thresholdField,
} from '../../src/boards/images/mapping.ts';
import type { IndexTemplate } from '../../src/es/templates.ts';

function withoutEagerOrdinals(property: estypes.MappingProperty): estypes.MappingProperty {
  const { eager_global_ordinals: _eager, ...rest } = property as estypes.MappingKeywordProperty;
  return rest;
}

export function imagesV1Template(index: string, name: string): IndexTemplate {
  const template = imagesIndexTemplate(index);
  const mappings = template.body.template!.mappings!;
  const thresholdFields = new Set<string>(SCORE_THRESHOLDS.map(thresholdField));
  const properties = Object.fromEntries(
    Object.entries(mappings.properties ?? {})
      .filter(([field]) => !thresholdFields.has(field))
      .map(([field, property]) => [field, withoutEagerOrdinals(property)]),
  );
  const { _meta: meta, ...rest } = mappings;
  const { [MAPPING_VERSION_KEY]: _version, ...otherMeta } = meta ?? {};
  return {
    name,
    body: {
      ...template.body,
      priority: 250,
      template: {
        ...template.body.template,
        mappings: { ...rest, ...(Object.keys(otherMeta).length > 0 ? { _meta: otherMeta } : {}), properties },
      },
    },
  };
}

/** A stored image as version 1 wrote it: without the `tags_min_*` fields. */
export function toV1Document(document: object): object {
  return Object.fromEntries(Object.entries(document).filter(([field]) => !field.startsWith('tags_min_')));
}
