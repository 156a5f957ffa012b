import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import type { HealthResponse } from '@lookout/server/types';
import { HealthBanner, HealthIndicator } from './health-banner.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

function serverAnswers(body: unknown, status = 200) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => Response.json(body, { status })),
  );
}

function renderHealth(url = '/cloudtrail') {
  const client = new QueryClient();
  const router = createMemoryRouter(
    [
      {
        path: '*',
        element: (
          <>
            <HealthIndicator />
            <HealthBanner />
          </>
        ),
      },
    ],
    { initialEntries: [url] },
  );
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

const healthy: HealthResponse = {
  status: 'ok',
  elasticsearch: {
    reachable: true,
    url: 'http://127.0.0.1:9200',
    version: '9.2.0',
    engine: 'Elasticsearch 9.2.0',
    distribution: 'elasticsearch',
    clusterName: 'lookout',
    clusterStatus: 'green',
  },
  checkedAt: '2026-11-26T10:43:12.000Z',
};

describe('health banner', () => {
  it('warns that boards cannot load data when Elasticsearch is unreachable, and says why', async () => {
    serverAnswers({
      status: 'degraded',
      elasticsearch: { reachable: false, url: 'http://127.0.0.1:1', error: 'connect ECONNREFUSED' },
      checkedAt: '2026-11-26T10:43:12.000Z',
    });
    renderHealth();
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(
      'Elasticsearch is unreachable — boards cannot load data. connect ECONNREFUSED',
    );
    expect(screen.queryByText(/Elasticsearch 9/)).toBeNull();
  });

  it('reads a degraded check that comes with a 503 status the same way', async () => {
    serverAnswers(
      {
        status: 'degraded',
        elasticsearch: { reachable: false, url: 'http://127.0.0.1:1', error: 'connect ECONNREFUSED' },
        checkedAt: '2026-11-26T10:43:12.000Z',
      },
      503,
    );
    renderHealth();
    expect((await screen.findByRole('alert')).textContent).toContain('Elasticsearch is unreachable');
  });

  it('warns about partial data when the cluster is red', async () => {
    serverAnswers({
      ...healthy,
      status: 'degraded',
      elasticsearch: { ...healthy.elasticsearch, clusterStatus: 'red' },
    });
    renderHealth();
    expect((await screen.findByRole('alert')).textContent).toContain('Elasticsearch cluster lookout is red');
  });

  it('says the Lookout server is not responding when /api/health gets no answer', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    renderHealth();
    expect((await screen.findByRole('alert')).textContent).toContain('Lookout server is not responding');
  });

  it('shows only a small "Elasticsearch 9.2.0 · green" when all is well', async () => {
    serverAnswers(healthy);
    renderHealth('/cloudtrail?tz=utc');
    const indicator = await screen.findByText('Elasticsearch 9.2.0 · green');
    expect(indicator.getAttribute('title')).toContain('checked 10:43:12 UTC');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('names OpenSearch in the header when OpenSearch answers', async () => {
    serverAnswers({
      ...healthy,
      elasticsearch: { ...healthy.elasticsearch, version: '2.19.6', engine: 'OpenSearch 2.19.6' },
    });
    renderHealth('/cloudtrail?tz=utc');
    expect(await screen.findByText('OpenSearch 2.19.6 · green')).toBeTruthy();
  });

  it('says why when the engine answers but Lookout does not support it', async () => {
    const reason = 'OpenSearch 1.3.20 is not supported: Lookout needs OpenSearch 2.7 or newer';
    serverAnswers({
      status: 'degraded',
      elasticsearch: {
        ...healthy.elasticsearch,
        version: '1.3.20',
        engine: 'OpenSearch 1.3.20',
        error: reason,
      },
      checkedAt: healthy.checkedAt,
    });
    renderHealth();
    expect((await screen.findByRole('alert')).textContent).toBe(reason);
  });
});
