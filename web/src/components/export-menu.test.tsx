import { afterEach, describe, expect, it, vi } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ExportMenu } from './export-menu.tsx';

afterEach(() => vi.unstubAllGlobals());

/** A streamed export the test feeds line by line; aborting the request errors the stream. */
function streamingExport() {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let signal: AbortSignal | undefined;
  const body = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
  const fetchMock = vi.fn(async (input: string, init?: RequestInit) => {
    signal = init?.signal ?? undefined;
    signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
    return new Response(body, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': 'attachment; filename="cloudtrail-events-20261120T0000Z-20261121T0000Z.csv"',
        'x-lookout-export-total': '3',
        'x-lookout-export-limit': '100000',
        'x-lookout-export-truncated': 'false',
      },
    });
  });
  vi.stubGlobal('fetch', fetchMock);
  const encoder = new TextEncoder();
  return {
    fetchMock,
    send: (text: string) => controller.enqueue(encoder.encode(text)),
    end: () => controller.close(),
    aborted: () => signal?.aborted ?? false,
  };
}

describe('the Export menu', () => {
  it('asks for the whole list in the chosen format, shows rows so far and saves the file', async () => {
    const server = streamingExport();
    const save = vi.fn();
    const user = userEvent.setup();
    render(
      <ExportMenu path="/api/cloudtrail/events" params={{ from: 'now-24h', account: ['1'] }} save={save} />,
    );
    await user.click(screen.getByText('Export'));
    await user.click(screen.getByRole('button', { name: 'CSV' }));
    const url = new URL(server.fetchMock.mock.calls[0]![0], 'http://lookout.test');
    expect(url.pathname).toBe('/api/cloudtrail/events');
    expect(Object.fromEntries(url.searchParams)).toEqual({ from: 'now-24h', account: '1', format: 'csv' });

    server.send('eventTime,eventID\r\na,1\r\nb,2\r\n');
    expect(await screen.findByText(/Exporting CSV… 2 of 3 rows/)).toBeTruthy();
    server.send('c,3\r\n');
    server.end();
    expect(
      await screen.findByText(/3 rows saved to cloudtrail-events-20261120T0000Z-20261121T0000Z\.csv/),
    ).toBeTruthy();
    expect(save).toHaveBeenCalledWith(
      expect.any(Blob),
      'cloudtrail-events-20261120T0000Z-20261121T0000Z.csv',
    );
  });

  it('cancels a running export: the request is aborted and nothing is saved', async () => {
    const server = streamingExport();
    const save = vi.fn();
    const user = userEvent.setup();
    render(<ExportMenu path="/api/cloudtrail/events" params={{}} save={save} />);
    await user.click(screen.getByText('Export'));
    await user.click(screen.getByRole('button', { name: 'NDJSON' }));
    server.send('{"eventID":"1"}\n');
    expect(await screen.findByText(/Exporting NDJSON… 1 of 3 rows/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText('Export cancelled')).toBeTruthy();
    await waitFor(() => expect(server.aborted()).toBe(true));
    expect(save).not.toHaveBeenCalled();
  });
});
