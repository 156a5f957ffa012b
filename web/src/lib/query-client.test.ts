import { describe, expect, it, vi } from 'vitest';
import { ApiError } from './api.ts';
import { createQueryClient, shouldRetry } from './query-client.ts';

describe('shouldRetry', () => {
  it('never retries a 4xx: the same request would fail the same way', () => {
    expect(shouldRetry(0, new ApiError(400, 'querystring/from must be a date (400)'))).toBe(false);
  });

  it('retries a 5xx or a dropped connection twice', () => {
    const unreachable = new ApiError(503, 'Elasticsearch is unreachable (503)');
    expect(shouldRetry(0, unreachable)).toBe(true);
    expect(shouldRetry(1, unreachable)).toBe(true);
    expect(shouldRetry(2, unreachable)).toBe(false);
    expect(shouldRetry(0, new ApiError(0, 'Lookout server is not responding'))).toBe(true);
  });
});

describe('background refetch failures', () => {
  const unreachable = new ApiError(503, 'Elasticsearch is unreachable (503)');

  it('are reported once the query already had data', async () => {
    const onBackgroundError = vi.fn();
    const client = createQueryClient(onBackgroundError);
    await client.fetchQuery({ queryKey: ['top-calls'], queryFn: () => ['ConsoleLogin'] });

    await client
      .fetchQuery({
        queryKey: ['top-calls'],
        queryFn: () => Promise.reject(unreachable),
        retry: false,
        staleTime: 0,
      })
      .catch(() => undefined);

    expect(onBackgroundError).toHaveBeenCalledTimes(1);
    expect(onBackgroundError).toHaveBeenCalledWith(unreachable);
  });

  it('are not reported for a first load, which the panel shows in place', async () => {
    const onBackgroundError = vi.fn();
    const client = createQueryClient(onBackgroundError);
    await client
      .fetchQuery({ queryKey: ['top-calls'], queryFn: () => Promise.reject(unreachable), retry: false })
      .catch(() => undefined);
    expect(onBackgroundError).not.toHaveBeenCalled();
  });

  it('are not reported for queries that report their own failures', async () => {
    const onBackgroundError = vi.fn();
    const client = createQueryClient(onBackgroundError);
    const meta = { toastOnBackgroundError: false };
    await client.fetchQuery({ queryKey: ['health'], queryFn: () => 'ok', meta });
    await client
      .fetchQuery({
        queryKey: ['health'],
        queryFn: () => Promise.reject(unreachable),
        retry: false,
        staleTime: 0,
        meta,
      })
      .catch(() => undefined);
    expect(onBackgroundError).not.toHaveBeenCalled();
  });
});

describe('structural sharing keeps the partial flag right', () => {
  it('an equal answer that became complete (or partial) replaces the old object', async () => {
    const client = createQueryClient(() => undefined);
    const partial: { total: number; partial?: 'timed_out' } = { total: 3, partial: 'timed_out' };
    await client.fetchQuery({ queryKey: ['k'], queryFn: () => partial });
    await client.fetchQuery({ queryKey: ['k'], queryFn: () => ({ total: 3 }), staleTime: 0 });
    expect(client.getQueryData<typeof partial>(['k'])?.partial).toBeUndefined();
  });

  it('an equal answer with the same flag keeps the old object (no needless re-render)', async () => {
    const client = createQueryClient(() => undefined);
    const first = { total: 3 };
    await client.fetchQuery({ queryKey: ['k'], queryFn: () => first });
    await client.fetchQuery({ queryKey: ['k'], queryFn: () => ({ total: 3 }), staleTime: 0 });
    expect(client.getQueryData(['k'])).toBe(first);
  });
});
