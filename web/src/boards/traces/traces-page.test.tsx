import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import { requestedUrls, stubApi } from '../../lib/test-api.ts';
import { renderPage, searchResponse, serviceMap, TRACE_ID } from './test-helpers.tsx';
import { TracesPage } from './traces-page.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

function stubBoard() {
  return stubApi((url) => {
    if (url.pathname === '/api/traces/service-map') return serviceMap();
    if (url.pathname === '/api/traces/search') return searchResponse();
    return Response.json({ statusCode: 404, error: 'Not Found', message: url.pathname }, { status: 404 });
  });
}

const renderBoard = (url: string) => renderPage('/traces', url, <TracesPage />);
const searchRequests = (fetchMock: ReturnType<typeof stubApi>) =>
  requestedUrls(fetchMock).filter((url) => url.pathname === '/api/traces/search');

describe('TracesPage', () => {
  it('draws every service of the map as a link to its page, keeping the range, coloured by error rate', async () => {
    stubBoard();
    renderBoard('/traces?from=now-1h&tz=utc');
    const checkout = await screen.findByRole('link', { name: 'checkout: 4,000 spans, 10.0% errors' });
    expect(checkout.getAttribute('href')).toBe('/traces/services/checkout?from=now-1h&tz=utc');
    expect(checkout.getAttribute('class')).toContain('traces-map-bad');
    expect(
      screen.getByRole('link', { name: 'postgres: 8,000 spans, 0.0% errors' }).getAttribute('class'),
    ).toContain('traces-map-ok');
    expect(screen.getByRole('group', { name: 'Service map: 3 services, 2 calls between them' })).toBeTruthy();
  });

  it('sends the search filters from the URL, as the API names them', async () => {
    const fetchMock = stubBoard();
    renderBoard(
      '/traces?service=checkout&operation=POST%20%2Forders&minDurationMs=250&maxDurationMs=abc&attribute=http.route:/orders&attribute=nokey&status=error&sort=slowest&from=now-1h',
    );
    await screen.findByRole('link', { name: 'gateway: GET /checkout' });
    const [request] = searchRequests(fetchMock);
    expect(Object.fromEntries(request!.searchParams)).toEqual({
      from: 'now-1h',
      to: 'now',
      service: 'checkout',
      operation: 'POST /orders',
      minDurationMs: '250',
      attribute: 'http.route:/orders',
      status: 'error',
      sort: 'slowest',
      size: '50',
    });
  });

  it('lists the traces found, each linking to its waterfall', async () => {
    stubBoard();
    renderBoard('/traces?tz=utc');
    const link = await screen.findByRole('link', { name: 'gateway: GET /checkout' });
    expect(link.getAttribute('href')).toBe(`/traces/${TRACE_ID}`);
    const row = link.closest('tr')!;
    expect(within(row).getByText('1.23 s')).toBeTruthy();
    expect(within(row).getByText('gateway, checkout, postgres')).toBeTruthy();
  });

  it('narrows to errors and adds an attribute filter through the URL', async () => {
    stubBoard();
    const { user, search } = renderBoard('/traces');
    await user.click(await screen.findByRole('checkbox', { name: 'Errors only' }));
    expect(search().get('status')).toBe('error');
    await user.type(
      screen.getByRole('textbox', { name: 'Attribute' }),
      'http.response.status_code:500{Enter}',
    );
    expect(search().getAll('attribute')).toEqual(['http.response.status_code:500']);
    await user.click(screen.getByRole('button', { name: 'Remove Status errors only' }));
    expect(search().has('status')).toBe(false);
  });

  it('offers the services of the map in the service filter', async () => {
    stubBoard();
    const { user, search } = renderBoard('/traces');
    await screen.findByRole('link', { name: /^gateway: 10,000 spans/ });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Service' }), 'postgres');
    expect(search().get('service')).toBe('postgres');
  });
});
