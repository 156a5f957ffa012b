import { describe, expect, it } from 'vitest';
import { portableRequest } from './client.ts';

describe('requests every engine reads', () => {
  it('moves field_caps fields from the body (Elasticsearch only) into the query string', () => {
    const request = portableRequest({
      method: 'POST',
      path: '/logstash-*/_field_caps',
      querystring: { ignore_unavailable: true },
      body: { fields: ['container_id*', 'source*'] },
    });
    expect(request).toEqual({
      method: 'GET',
      path: '/logstash-*/_field_caps',
      querystring: { ignore_unavailable: true, fields: 'container_id*,source*' },
      body: undefined,
    });
  });

  it('keeps the rest of a field_caps body, and leaves every other request alone', () => {
    const withFilter = portableRequest({
      method: 'POST',
      path: '/_field_caps',
      body: { fields: ['a'], index_filter: { match_all: {} } },
    });
    expect(withFilter).toMatchObject({
      method: 'POST',
      querystring: { fields: 'a' },
      body: { index_filter: { match_all: {} } },
    });
    const search = { method: 'POST', path: '/x/_search', body: { fields: ['a'] } };
    expect(portableRequest(search)).toBe(search);
  });
});
