import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import { requestedUrls, stubApi } from '../../lib/test-api.ts';
import { renderPage, smallTrace, TRACE_ID } from './test-helpers.tsx';
import { TracePage } from './trace-page.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

const renderTrace = (url: string) => renderPage('/traces/:traceId', url, <TracePage />);

describe('TracePage', () => {
  it('fetches the whole trace by id and says what it is', async () => {
    const fetchMock = stubApi(() => smallTrace());
    renderTrace(`/traces/${TRACE_ID}?tz=utc`);
    expect(
      await screen.findByRole('heading', { level: 1, name: `gateway: GET /checkout ${TRACE_ID}` }),
    ).toBeTruthy();
    expect(screen.getByText(/120 ms · 4 spans · 4 services/)).toBeTruthy();
    expect(screen.getByText(/1 error/)).toBeTruthy();
    expect(requestedUrls(fetchMock).map((url) => url.pathname + url.search)).toEqual([
      `/api/traces/${TRACE_ID}`,
    ]);
  });

  it('restores the selected span from ?span= on load: the drawer shows its attributes, events, links', async () => {
    stubApi(() => smallTrace());
    renderTrace(`/traces/${TRACE_ID}?span=00000000000000c3&tz=utc`);
    const drawer = await screen.findByRole('dialog', { name: 'INSERT orders' });
    expect(within(drawer).getByText(/deadlock detected/)).toBeTruthy();
    expect(within(drawer).getByText('exception')).toBeTruthy();
    // The event came 50 ms after the trace's start, 47.4995 ms after this span's.
    expect(within(drawer).getByText('+47.5 ms')).toBeTruthy();
    expect(within(drawer).getByText('PGError')).toBeTruthy();
    expect(
      within(drawer)
        .getByRole('link', { name: 'abcdefabcdefabcdefabcdefabcdef12 / 1111111111111111' })
        .getAttribute('href'),
    ).toBe('/traces/abcdefabcdefabcdefabcdefabcdef12?span=1111111111111111');
    expect(screen.getByRole('treeitem', { selected: true }).dataset.spanId).toBe('00000000000000c3');
  });

  it('writes the clicked span into the URL, replacing the history entry, and closes on ×', async () => {
    stubApi(() => smallTrace());
    const { user, search, router } = renderTrace(`/traces/${TRACE_ID}`);
    await user.click(await screen.findByText('GET cart'));
    expect(search().get('span')).toBe('00000000000000d4');
    expect(router.state.historyAction).toBe('REPLACE');
    expect(screen.getByRole('dialog', { name: 'GET cart' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Close span' }));
    expect(search().has('span')).toBe(false);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows the resource of a span', async () => {
    stubApi(() => smallTrace());
    renderTrace(`/traces/${TRACE_ID}?span=00000000000000a1`);
    const drawer = await screen.findByRole('dialog', { name: 'GET /checkout' });
    expect(within(drawer).getByRole('heading', { name: 'Resource' })).toBeTruthy();
    expect(within(drawer).getByText('gw-1')).toBeTruthy();
  });

  it('shows the warnings of the trace, and says when the linked span is not in it', async () => {
    stubApi(() =>
      smallTrace({
        warnings: [
          {
            kind: 'orphan',
            message: '1 span has a parent that is not stored (ffffffffffffffff).',
            spanIds: ['00000000000000d4'],
            parentSpanId: 'ffffffffffffffff',
          },
        ],
      }),
    );
    renderTrace(`/traces/${TRACE_ID}?span=0000000000000bad`);
    const warnings = await screen.findByRole('list', { name: 'Warnings' });
    expect(warnings.textContent).toBe('1 span has a parent that is not stored (ffffffffffffffff).');
    expect(screen.getByText(/from the link is not in this trace/)).toBeTruthy();
  });

  it('names a trace that is not stored, with a retry', async () => {
    stubApi(() =>
      Response.json(
        { statusCode: 404, error: 'Not Found', message: `No span of trace ${TRACE_ID} is stored` },
        { status: 404 },
      ),
    );
    renderTrace(`/traces/${TRACE_ID}`);
    expect((await screen.findByRole('alert')).textContent).toContain(
      `No span of trace ${TRACE_ID} is stored (404)`,
    );
  });
});
