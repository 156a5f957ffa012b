import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import { requestedUrls, stubApi } from '../../lib/test-api.ts';
import { FailurePage } from './failure-page.tsx';
import { renderFailureAt } from './test-helpers.tsx';
import { connectionRefusedDetail, imagePullDetail } from './test-fixtures.ts';

afterEach(() => {
  vi.unstubAllGlobals();
});

const ALERT_URL =
  '/containers/failures/0f3c9a1e2b7d4c5a8e6f1a2b3c4d5e6f?from=2026-11-26T09:55:00.000Z&to=2026-11-26T10:15:00.000Z&tz=utc';

function stubFailure(detail = connectionRefusedDetail) {
  return stubApi((url) => {
    if (url.pathname === `/api/containers/failures/${detail.failure.taskId}`) return detail;
    return Response.json(
      {
        statusCode: 404,
        error: 'Not Found',
        message: `No startup failure with task id ${url.pathname.split('/').at(-1)}`,
      },
      { status: 404 },
    );
  });
}

const panel = (name: string) => screen.getByRole('region', { name });
const logLines = () => within(screen.getByRole('list', { name: 'Startup log' })).getAllByRole('listitem');

describe('FailurePage', () => {
  it('links to the traces of the service in a window around the failure, in the zone of the link', async () => {
    stubFailure();
    renderFailureAt(ALERT_URL, () => <FailurePage />);
    const link = await screen.findByRole('link', { name: 'Traces of orders-api around the failure' });
    const url = new URL(link.getAttribute('href')!, 'http://lookout.test');
    const { startedAt, stoppedAt } = connectionRefusedDetail.failure;
    expect(url.pathname).toBe('/traces');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      service: 'orders-api',
      from: new Date(Date.parse(startedAt ?? stoppedAt) - 15 * 60_000).toISOString(),
      to: new Date(Date.parse(stoppedAt) + 15 * 60_000).toISOString(),
      tz: 'utc',
    });
  });

  it('opens from the alert link alone: one request by task id, the header says what failed', async () => {
    const fetchMock = stubFailure();
    renderFailureAt(ALERT_URL, () => <FailurePage />);
    expect(await screen.findByRole('heading', { level: 1, name: 'orders-api failed to start' })).toBeTruthy();
    expect(requestedUrls(fetchMock).map((u) => u.pathname)).toEqual([
      '/api/containers/failures/0f3c9a1e2b7d4c5a8e6f1a2b3c4d5e6f',
    ]);

    const summary = panel('Failure');
    const fact = (label: string) =>
      within(summary).getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(fact('Service')).toBe('orders-api crash loop');
    expect(fact('Cluster')).toBe('prod-eu');
    expect(fact('Reason')).toBe('App error');
    expect(fact('Stop code')).toBe('EssentialContainerExited');
    expect(fact('Stopped reason')).toBe('Essential container in task exited');
    expect(fact('Exit code')).toBe(
      'app: 1 — application error (general failure)envoy: 143 — terminated (SIGTERM), e.g. stopped by ECS',
    );
    expect(fact('Started')).toBe('2026-11-26 10:04:10 UTC');
    expect(within(summary).getByTestId('first-error-line').textContent).toBe(
      'Error: connect ECONNREFUSED 10.0.3.17:5432',
    );
  });

  it('shows the whole startup log in order, stderr marked in words, the first error line flagged', async () => {
    stubFailure();
    renderFailureAt(ALERT_URL, () => <FailurePage />);
    await screen.findByRole('list', { name: 'Startup log' });
    const lines = logLines();
    expect(lines).toHaveLength(6);
    expect(lines[0]?.textContent).toBe('2026-11-26 10:04:11.120 UTCstdoutStarting orders-api 2026.11.26-2');
    expect(lines[2]?.dataset.source).toBe('stderr');
    expect(lines[2]?.textContent).toContain('stderr');

    const flagged = lines.filter((line) => line.dataset.firstError === 'true');
    expect(flagged).toEqual([lines[3]]);
    expect(lines[3]?.textContent).toContain('first error');
    expect(lines[3]?.className).toContain('containers-log-first-error');
  });

  it('shows log times in the local zone with its offset when the zone is local', async () => {
    stubFailure();
    renderFailureAt(ALERT_URL.replace('&tz=utc', ''), () => <FailurePage />);
    await screen.findByRole('list', { name: 'Startup log' });
    expect(logLines()[0]?.textContent).toContain('2026-11-26 11:04:11.120 GMT+1');
  });

  it('filters the log by a search and highlights the matches', async () => {
    stubFailure();
    const { user } = renderFailureAt(ALERT_URL, () => <FailurePage />);
    await user.type(await screen.findByLabelText('Search the log'), 'econnrefused');
    expect(logLines()).toHaveLength(1);
    const marks = logLines()[0]?.querySelectorAll('mark') ?? [];
    expect([...marks].map((mark) => mark.textContent)).toEqual(['ECONNREFUSED']);
    expect(screen.getByTestId('log-match-count').textContent).toBe('1 of 6 lines match');

    await user.clear(screen.getByLabelText('Search the log'));
    await user.type(screen.getByLabelText('Search the log'), 'no such text');
    expect(within(screen.getByRole('list', { name: 'Startup log' })).queryAllByRole('listitem')).toEqual([]);
    expect(screen.getByText('No line contains “no such text”.')).toBeTruthy();
  });

  it('wraps long lines until told not to', async () => {
    stubFailure();
    const { user } = renderFailureAt(ALERT_URL, () => <FailurePage />);
    const log = await screen.findByRole('list', { name: 'Startup log' });
    expect(log.className).toContain('containers-log-wrapped');
    await user.click(screen.getByRole('checkbox', { name: 'Wrap lines' }));
    expect(log.className).not.toContain('containers-log-wrapped');
  });

  it('copies the whole log as text, whatever the search shows', async () => {
    stubFailure();
    const { user } = renderFailureAt(ALERT_URL, () => <FailurePage />);
    const writeText = vi.fn(async () => {});
    // user-event installs its own clipboard on setup; replace it after.
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await user.type(await screen.findByLabelText('Search the log'), 'refused');
    await user.click(screen.getByRole('button', { name: 'Copy log' }));
    expect(writeText).toHaveBeenCalledTimes(1);
    const text = writeText.mock.calls[0]?.at(0) as unknown as string;
    expect(text.split('\n')).toHaveLength(6);
    expect(text.split('\n')[3]).toBe(
      '2026-11-26T10:04:13.010Z stderr Error: connect ECONNREFUSED 10.0.3.17:5432',
    );
    expect(await screen.findByText('Copied 6 lines')).toBeTruthy();
  });

  it('lists the containers with image, exit code, meaning, reason and runtime id', async () => {
    stubFailure();
    renderFailureAt(ALERT_URL, () => <FailurePage />);
    const table = await within(await screen.findByRole('region', { name: 'Containers' })).findByRole('table');
    const [app, envoy] = within(table).getAllByRole('row').slice(1) as [HTMLElement, HTMLElement];
    expect(
      within(app)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual([
      'app',
      '123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders-api:2026.11.26-2',
      '1',
      'application error (general failure)',
      '—',
      'a1b2c3d4e5f6',
    ]);
    expect(within(app).getByText('a1b2c3d4e5f6').getAttribute('title')).toHaveLength(64);
    expect(envoy.textContent).toContain('143');
  });

  it("links this service's previous failures and compares images with the last good start", async () => {
    stubFailure();
    renderFailureAt(ALERT_URL, () => <FailurePage />);
    const previous = await screen.findByRole('list', { name: 'Previous failures' });
    expect(within(previous).getByRole('link', { name: '2026-11-26 10:01:40 UTC' }).getAttribute('href')).toBe(
      '/containers/failures/1111aaaa2222bbbb3333cccc4444dddd?from=2026-11-26T09%3A51%3A00.000Z&to=2026-11-26T10%3A11%3A00.000Z&tz=utc',
    );

    const start = panel('Last successful start');
    expect(start.textContent).toContain('Started 2026-11-25 16:20:00 UTC');
    const [app, envoy] = within(start).getAllByRole('row').slice(1) as [HTMLElement, HTMLElement];
    expect(app.dataset.changed).toBe('true');
    expect(app.textContent).toContain('orders-api:2026.11.25-4');
    expect(app.textContent).toContain('orders-api:2026.11.26-2');
    expect(within(app).getByText('changed')).toBeTruthy();
    expect(envoy.dataset.changed).toBe('false');
    expect(within(envoy).queryByText('changed')).toBeNull();
  });

  it('says the logs are not available for a Fargate failure, with its ECS reason', async () => {
    stubFailure(imagePullDetail);
    renderFailureAt(`/containers/failures/${imagePullDetail.failure.taskId}?tz=utc`, () => <FailurePage />);
    const note = await within(await screen.findByRole('region', { name: 'Startup log' })).findByRole('note');
    expect(note.textContent).toBe(
      'No startup log. Logs are not available: Fargate tasks have no Docker container id and no fluentd logs.',
    );
    expect(screen.queryByRole('list', { name: 'Startup log' })).toBeNull();
    const summary = panel('Failure');
    expect(summary.textContent).toContain('CannotPullContainerError: pull image manifest');
    expect(summary.textContent).toContain('never reached RUNNING');
    expect(summary.textContent).toContain('None: the logs of this task are not available');
    expect(within(panel('Containers')).getByText('none (no Docker id, e.g. Fargate)')).toBeTruthy();
    expect(within(panel('Last successful start')).getByText(/No task of this service is known/)).toBeTruthy();
    expect(
      within(panel('Previous failures of this service')).getByText(/No earlier startup failure/),
    ).toBeTruthy();
    expect(screen.getByRole('list', { name: 'Freshness' }).textContent).toContain('No container logs found');
  });

  it('leads back to the board with the same range and zone', async () => {
    stubFailure();
    renderFailureAt(ALERT_URL, () => <FailurePage />);
    const back = await screen.findByRole('link', { name: '← Back to the board' });
    expect(back.getAttribute('href')).toBe(
      '/containers?from=2026-11-26T09:55:00.000Z&to=2026-11-26T10:15:00.000Z&tz=utc',
    );
  });

  it('says plainly when the failure is not stored', async () => {
    stubFailure();
    renderFailureAt('/containers/failures/deadbeef?tz=utc', () => <FailurePage />);
    const alert = await within(panel('Failure')).findByRole('alert');
    expect(alert.textContent).toContain('No startup failure with task id deadbeef (404)');
    expect(screen.queryByRole('region', { name: 'Startup log' })).toBeNull();
    expect(screen.getByRole('heading', { level: 1, name: 'Container startup failure' })).toBeTruthy();
  });
});
