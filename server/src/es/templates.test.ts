import { describe, expect, it } from 'vitest';
import { cloudtrailIndexTemplate } from '../boards/cloudtrail/mapping.ts';
import { engineInfo, unsupportedReason } from './engine.ts';
import { templateForEngine } from './templates.ts';

const properties = (template: ReturnType<typeof cloudtrailIndexTemplate>) =>
  template.body.template?.mappings?.properties ?? {};

describe('index templates for the engine', () => {
  const template = cloudtrailIndexTemplate('ct-');

  it('keeps flattened producer objects as they are on Elasticsearch 8 and 9', () => {
    for (const version of ['8.19.21', '9.2.0']) {
      const adapted = templateForEngine(template, engineInfo('elasticsearch', version));
      expect(properties(adapted).requestParameters).toEqual({
        type: 'flattened',
        ignore_above: 1024,
        depth_limit: 20,
      });
    }
  });

  it('maps them as flat_object without the parameters OpenSearch refuses', () => {
    const adapted = templateForEngine(template, engineInfo('opensearch', '2.19.6'));
    for (const field of ['requestParameters', 'responseElements', 'resources', 'additionalEventData']) {
      expect(properties(adapted)[field]).toEqual({ type: 'flat_object' });
    }
    // Everything else is the board's mapping unchanged, and the board's template is not mutated.
    expect(properties(adapted).eventName).toEqual({ type: 'keyword' });
    expect(properties(adapted).lookout).toEqual(properties(template).lookout);
    expect(properties(template).requestParameters).toMatchObject({ type: 'flattened' });
  });
});

describe('supported engines', () => {
  it('refuses Elasticsearch 7 and OpenSearch before 2.7, saying why', () => {
    expect(unsupportedReason(engineInfo('elasticsearch', '7.17.29'))).toMatch(
      /needs Elasticsearch 8\.x or 9\.x/,
    );
    expect(unsupportedReason(engineInfo('opensearch', '1.3.20'))).toMatch(/needs OpenSearch 2\.7 or newer/);
    expect(unsupportedReason(engineInfo('opensearch', '2.5.0'))).toMatch(/flat_object/);
    for (const [family, version] of [
      ['elasticsearch', '8.19.21'],
      ['elasticsearch', '9.2.0'],
      ['opensearch', '2.7.0'],
      ['opensearch', '3.6.0'],
    ] as const) {
      expect(unsupportedReason(engineInfo(family, version))).toBeUndefined();
    }
  });
});
