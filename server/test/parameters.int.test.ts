import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { testApp } from './helpers.ts';

/**
 * Issue #17 rows 3, 4 and 10: every parameter is checked before any search, so out-of-range date
 * math, huge intervals and addresses that are not addresses are a 400 naming the parameter — never
 * a 500 from `Date`, a 502 from the engine or a "partial" 200.
 */
describe('parameters checked before any search', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await testApp();
  });
  afterAll(async () => app.close());

  const get = async (url: string) => {
    const response = await app.inject(url);
    return { status: response.statusCode, body: response.json() as { message: string; error: string } };
  };

  it('answers date math beyond the calendar with a 400 naming the parameter, on every board', async () => {
    for (const url of [
      '/api/cloudtrail/summary?from=now-99999999999999999999d&to=now',
      '/api/deployments/kpis?from=now-99999999999999999999d&to=now',
      '/api/containers/timeline?from=now-99999999999999999999d&to=now',
    ]) {
      const answer = await get(url);
      expect(answer.status, url).toBe(400);
      expect(answer.body.message, url).toBe(
        'querystring/from is out of range (1970 to 9999), got "now-99999999999999999999d"',
      );
    }
    expect((await get('/api/cloudtrail/summary?from=now-1h&to=now%2B999999999w')).body.message).toContain(
      'querystring/to is out of range',
    );
  });

  it('refuses an interval wider than a year', async () => {
    const answer = await get('/api/cloudtrail/top-calls?interval=99999999999999999999d');
    expect(answer.status).toBe(400);
    expect(answer.body.message).toContain('querystring/interval');
    expect((await get('/api/containers/timeline?interval=400d')).body.message).toBe(
      'querystring/interval must be at most 366d, got "400d"',
    );
  });

  it('refuses a source address that is not an IP address or CIDR', async () => {
    for (const sourceIp of ['abc', '10.0.0.0/33', '10.0.0.1/8/8', '::1/129']) {
      const answer = await get(`/api/cloudtrail/summary?sourceIp=${encodeURIComponent(sourceIp)}`);
      expect(answer.status, sourceIp).toBe(400);
      expect(answer.body.message).toContain('querystring/sourceIp must be an IP address or CIDR');
    }
    expect((await get('/api/cloudtrail/summary?sourceIp=10.0.0.0/8&sourceIp=2001:db8::1')).status).toBe(200);
  });

  it('keeps container failures to 90 days, as docs/limits.md says', async () => {
    const answer = await get('/api/containers/failures?from=now-91d');
    expect(answer.status).toBe(400);
    expect(answer.body.message).toBe('querystring/from range longer than the maximum of 90 days');
  });
});
