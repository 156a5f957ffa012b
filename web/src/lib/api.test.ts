import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiUrl, fetchJson } from './api.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

function respondWith(response: Response) {
  const fetchMock = vi.fn(async (_url: string) => response);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

describe('fetchJson', () => {
  it('sends the parameters in the query string and returns the JSON body', async () => {
    const fetchMock = respondWith(Response.json({ total: 42 }));
    await expect(
      fetchJson('/api/cloudtrail/top-calls', { from: 'now-1h', size: 10, account: undefined }),
    ).resolves.toEqual({ total: 42 });
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/cloudtrail/top-calls?from=now-1h&size=10');
  });

  it("throws an ApiError carrying the status and the server's own message", async () => {
    respondWith(
      Response.json(
        { error: 'Service Unavailable', message: 'Elasticsearch is unreachable', statusCode: 503 },
        { status: 503 },
      ),
    );
    const error = await fetchJson('/api/containers/failures').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
    expect((error as ApiError).message).toBe('Elasticsearch is unreachable (503)');
    expect((error as ApiError).body?.error).toBe('Service Unavailable');
  });

  it('marks 400s as client errors, so they are not retried', async () => {
    respondWith(
      Response.json(
        { error: 'Bad Request', message: 'querystring/from must be a date', statusCode: 400 },
        { status: 400 },
      ),
    );
    const error = (await fetchJson('/api/images/tags').catch((e: unknown) => e)) as ApiError;
    expect(error.isClientError).toBe(true);
    expect(error.message).toBe('querystring/from must be a date (400)');
  });

  it('still explains a failure whose body is not JSON, such as a proxy error page', async () => {
    respondWith(new Response('<html>Bad Gateway</html>', { status: 502, statusText: 'Bad Gateway' }));
    const error = (await fetchJson('/api/deployments/kpis').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(502);
    expect(error.message).toBe('Bad Gateway (502)');
  });

  it('says the Lookout server is not responding when the request never gets an answer', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const error = (await fetchJson('/api/health').catch((e: unknown) => e)) as ApiError;
    expect(error.status).toBe(0);
    expect(error.message).toBe('Lookout server is not responding');
  });
});

describe('apiUrl', () => {
  it('leaves a path without parameters alone', () => {
    expect(apiUrl('/api/health')).toBe('/api/health');
  });

  it('repeats a parameter that has several values, and leaves out an empty list', () => {
    expect(apiUrl('/api/cloudtrail/events', { account: ['111', '222'], region: [], q: 'vol-1' })).toBe(
      '/api/cloudtrail/events?account=111&account=222&q=vol-1',
    );
  });
});
