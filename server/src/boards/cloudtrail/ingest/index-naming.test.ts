import { describe, expect, it } from 'vitest';
import { cloudtrailIndexName, cloudtrailIndexTemplate } from '../mapping.ts';

describe('CloudTrail index names', () => {
  it('names one index per UTC day', () => {
    expect(cloudtrailIndexName('ct-', new Date('2026-11-25T23:59:59Z'))).toBe('ct-2026.11.25');
    expect(cloudtrailIndexName('ct-', new Date('2026-01-02T00:00:00Z'))).toBe('ct-2026.01.02');
  });
});

describe('the CloudTrail index template', () => {
  const template = cloudtrailIndexTemplate('ct-');
  const mappings = template.body.template?.mappings;
  const properties = mappings?.properties ?? {};

  it('matches the prefix pattern with one shard and no replica', () => {
    expect(template.name).toBe('lookout-cloudtrail');
    expect(template.body.index_patterns).toEqual(['ct-*']);
    expect(template.body.priority).toBe(200);
    expect(template.body.template?.settings).toMatchObject({
      number_of_shards: 1,
      number_of_replicas: 0,
      refresh_interval: '5s',
    });
  });

  it('never maps unknown fields, and stores free-form producer objects as flattened', () => {
    expect(mappings?.dynamic).toBe(false);
    for (const field of ['requestParameters', 'responseElements', 'resources', 'additionalEventData']) {
      expect(properties[field]).toEqual({ type: 'flattened', ignore_above: 1024, depth_limit: 20 });
    }
  });

  it('maps the source address as an ip and the derived fields as keywords', () => {
    const lookout = (properties.lookout as { properties: Record<string, { type: string }> }).properties;
    expect(lookout.sourceIp?.type).toBe('ip');
    for (const field of [
      'principal',
      'principalRole',
      'account',
      'outcome',
      'resourceIds',
      'sourceAddress',
    ]) {
      expect(lookout[field]?.type).toBe('keyword');
    }
  });
});
