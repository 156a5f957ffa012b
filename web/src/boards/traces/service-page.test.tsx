import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import type { deployments } from '@lookout/server/types';
import { requestedUrls, stubApi } from '../../lib/test-api.ts';
import { renderPage, serviceResponse } from './test-helpers.tsx';
import { ServicePage } from './service-page.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

const failedDeploy: deployments.FailureRow = {
  eventId: 'evt-1',
  kind: 'deploy',
  phase: 'failed',
  service: 'checkout',
  environment: 'production',
  version: 'v142',
  deploymentId: 'dep-1',
  platform: 'node',
  finishedAt: '2026-11-26T08:55:00.000Z',
  stage: 'health_check',
  code: null,
  message: null,
  cause: 'user',
  ruleId: null,
};

function stubService() {
  return stubApi((url) => {
    if (url.pathname === '/api/traces/services/checkout') return serviceResponse();
    if (url.pathname === '/api/deployments/failures')
      return { total: 1, failures: [failedDeploy], nextCursor: null } satisfies deployments.FailuresResponse;
    if (url.pathname === '/api/deployments/services')
      return {
        services: [
          {
            service: 'checkout',
            deployments: 3,
            failed: 1,
            failureRate: 1 / 3,
            failuresByCause: { user: 1, platform: 0, unknown: 0 },
            lastDeployAt: '2026-11-26T09:20:00.000Z',
            lastSuccessAt: '2026-11-26T09:20:00.000Z',
            msSinceLastSuccess: 4_980_000,
          },
        ],
      } satisfies deployments.ServicesResponse;
    return Response.json({ statusCode: 404, error: 'Not Found', message: url.pathname }, { status: 404 });
  });
}

const renderService = (url: string) => renderPage('/traces/services/:service', url, <ServicePage />);

describe('ServicePage', () => {
  it('reads the service and its deploys (from the deployments API) in the same range', async () => {
    const fetchMock = stubService();
    renderService('/traces/services/checkout?from=now-1h&tz=utc');
    await screen.findByRole('list', { name: 'Deploys' });
    const urls = requestedUrls(fetchMock).map((url) => `${url.pathname}?${url.searchParams.toString()}`);
    expect(urls.sort()).toEqual([
      '/api/deployments/failures?from=now-1h&to=now&service=checkout&size=100',
      '/api/deployments/services?from=now-1h&to=now&service=checkout',
      '/api/traces/services/checkout?from=now-1h&to=now',
    ]);
  });

  it('lists the deploys marked on the charts: the failed one and the last success', async () => {
    stubService();
    renderService('/traces/services/checkout?tz=utc');
    const deploys = await screen.findByRole('list', { name: 'Deploys' });
    expect(
      within(deploys)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([
      '✗ 2026-11-26 08:55:00 UTC: deploy v142 failed in production at health_check',
      '▲ 2026-11-26 09:20:00 UTC: last successful deploy',
    ]);
  });

  it('links each operation to its traces, with its error rate and percentiles', async () => {
    stubService();
    renderService('/traces/services/checkout?from=now-1h');
    const link = await screen.findByRole('link', { name: 'POST /orders' });
    expect(link.getAttribute('href')).toBe('/traces?from=now-1h&service=checkout&operation=POST+%2Forders');
    const row = link.closest('tr')!;
    expect([...row.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual([
      'POST /orders',
      '180',
      '15.0%',
      '12.0 ms',
      '200 ms',
      '400 ms',
    ]);
  });

  it('links each latency bar to the traces whose span of this service is in that bucket', async () => {
    stubService();
    renderService('/traces/services/checkout?from=now-1h');
    const histogram = await screen.findByRole('list', { name: 'Latency histogram of checkout' });
    const links = within(histogram).getAllByRole('link');
    expect(links.map((link) => link.getAttribute('aria-label'))).toEqual([
      '60 spans from 0 – 10.0 ms',
      '140 spans from 10.0 ms – 100 ms',
      '20 spans from 100 ms – ∞',
    ]);
    expect(links[1]!.getAttribute('href')).toBe(
      '/traces?from=now-1h&service=checkout&durationOf=span&minDurationMs=10&maxDurationMs=100',
    );
    expect(links[2]!.getAttribute('href')).toBe(
      '/traces?from=now-1h&service=checkout&durationOf=span&minDurationMs=100',
    );
  });

  it('still shows the service when the deployments data cannot be read', async () => {
    stubApi((url) =>
      url.pathname.startsWith('/api/deployments')
        ? Response.json({ statusCode: 503, error: 'Service Unavailable', message: 'down' }, { status: 503 })
        : serviceResponse(),
    );
    renderService('/traces/services/checkout');
    expect(await screen.findByText('Deploys unknown: the deployments data could not be read.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'POST /orders' })).toBeTruthy();
  });
});
