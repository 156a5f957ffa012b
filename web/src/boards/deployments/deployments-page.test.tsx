import { afterEach, describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { deployments } from '@lookout/server/types';
import { requestedUrls, stubApi } from '../../lib/test-api.ts';
import { DeploymentsPage } from './deployments-page.tsx';
// The page loads its chart lazily; loaded here first, so that import resolves at once.
import './deploys-chart.tsx';
import { renderAt } from './test-helpers.tsx';

afterEach(() => {
  vi.unstubAllGlobals();
});

// 200 finished deploys, 40 releases; 14 of 160 production deploys failed (8.75 % → high).
const kpis: deployments.KpisResponse = {
  deployments: 200,
  releases: 40,
  succeeded: 216,
  failed: 24,
  successRate: 0.9,
  changeFailureRate: 14 / 160,
  failuresByCause: { user: 15, platform: 7, unknown: 2 },
  durationMs: { p50: 240_000, p95: 600_000 },
  timeToRestoreMs: { p50: 45 * 60_000, restores: 9, unrestored: 2 },
  perDay: [{ day: '2026-11-26', deployments: 240, failed: 24, user: 15, platform: 7, unknown: 2 }],
  platformIncidents: [],
};

const services: deployments.ServicesResponse = {
  services: [
    {
      service: 'legacy-importer',
      deployments: 28,
      failed: 10,
      failureRate: 10 / 28,
      failuresByCause: { user: 9, platform: 1, unknown: 0 },
      lastDeployAt: '2026-11-26T08:16:16.000Z',
      lastSuccessAt: '2026-11-26T08:09:52.000Z',
      msSinceLastSuccess: 2 * 3_600_000,
    },
    {
      service: 'checkout-api',
      deployments: 12,
      failed: 0,
      failureRate: 0,
      failuresByCause: { user: 0, platform: 0, unknown: 0 },
      lastDeployAt: '2026-11-26T09:00:00.000Z',
      lastSuccessAt: '2026-11-26T09:00:00.000Z',
      msSinceLastSuccess: 60_000,
    },
  ],
};

// 24 failures: 20 in stages, 4 naming none.
const stages: deployments.StagesResponse = {
  stages: [
    { stage: 'pull_image', failed: 12, failuresByCause: { user: 0, platform: 11, unknown: 1 } },
    { stage: 'build', failed: 8, failuresByCause: { user: 8, platform: 0, unknown: 0 } },
  ],
  withoutStage: 4,
};

const failure = (
  service: string,
  ruleId: string,
  stage = 'build',
): deployments.FailuresResponse['failures'][number] => ({
  eventId: `evt-${service}`,
  kind: 'deploy',
  phase: 'failed',
  service,
  environment: 'production',
  version: '2026.11.26-1',
  deploymentId: `dep-${service}`,
  platform: 'ruby',
  finishedAt: '2026-11-26T10:00:00.000Z',
  stage,
  code: 'CompileError',
  message: 'tsc exited with code 2',
  cause: 'user',
  ruleId,
});

function stubBoard(overrides: Partial<Record<string, (url: URL) => unknown>> = {}) {
  return stubApi((url) => {
    const name = url.pathname.replace('/api/deployments/', '');
    const override = overrides[name];
    if (override) return override(url);
    switch (name) {
      case 'kpis':
        return kpis;
      case 'services':
        return services;
      case 'stages':
        return stages;
      case 'failures': {
        const only = url.searchParams.getAll('service');
        const onlyStages = url.searchParams.getAll('stage');
        const all = [
          failure('legacy-importer', 'user-build'),
          failure('reviews', 'platform-registry', 'pull_image'),
        ];
        const rows = all.filter(
          (f) =>
            (only.length === 0 || only.includes(f.service)) &&
            (onlyStages.length === 0 || onlyStages.includes(f.stage ?? '')),
        );
        return {
          total: rows.length,
          failures: rows,
          nextCursor: null,
        } satisfies deployments.FailuresResponse;
      }
      default:
        throw new Error(`unexpected ${url.href}`);
    }
  });
}

const panel = (name: string) => screen.getByRole('region', { name });
const tile = (label: string) => screen.getByText(label, { selector: 'dt' }).parentElement as HTMLElement;

describe('DeploymentsPage', () => {
  it('shows each key figure with its DORA rating and how it is computed', async () => {
    stubBoard();
    renderAt('/deployments?tz=utc', () => <DeploymentsPage />);
    await within(panel('Key figures')).findByText('Deployments');

    expect(within(tile('Deployments')).getByText('200')).toBeTruthy();
    expect(within(tile('Releases')).getByText('40')).toBeTruthy();
    expect(within(tile('Success rate')).getByText('90.0 %')).toBeTruthy();
    expect(tile('Success rate').textContent).toContain('216 of 240 deploys and releases');

    const cfr = tile('Change failure rate');
    expect(within(cfr).getByText('8.8 %')).toBeTruthy();
    expect(within(cfr).getByLabelText('DORA rating: high')).toBeTruthy();
    expect(cfr.textContent).toContain(
      'failed or rolled-back production deploys ÷ finished production deploys',
    );

    expect(tile('Failures by cause').textContent).toContain('user 15platform 7unknown 2');
    expect(tile('Failures by cause').textContent).toContain('24 failures of 24 failed or rolled-back events');
    expect(within(tile('Duration p50 / p95')).getByText('4 min / 10 min')).toBeTruthy();

    const restore = tile('Time to restore p50');
    expect(within(restore).getByText('45 min')).toBeTruthy();
    expect(within(restore).getByLabelText('DORA rating: elite')).toBeTruthy();
    expect(restore.textContent).toContain('over 9 restores');
    expect(restore.textContent).toContain('2 failure runs not restored yet');
  });

  it('narrows to a failing service on click: the URL has it and the failures request carries it', async () => {
    const fetchMock = stubBoard();
    Element.prototype.scrollIntoView = vi.fn();
    const { search, user } = renderAt('/deployments?from=now-2d&tz=utc', () => <DeploymentsPage />);
    const table = await within(panel('Failing services')).findByRole('table');
    // Only services with failures are listed.
    expect(within(table).queryByRole('button', { name: 'checkout-api' })).toBeNull();
    expect(await within(panel('Failures')).findByText('reviews')).toBeTruthy();

    await user.click(within(table).getByRole('button', { name: 'legacy-importer' }));
    expect(search().toString()).toBe('from=now-2d&tz=utc&service=legacy-importer');

    await waitFor(() => expect(within(panel('Failures')).queryByText('reviews')).toBeNull());
    const failuresRequests = requestedUrls(fetchMock).filter(
      (u) => u.pathname === '/api/deployments/failures',
    );
    const last = failuresRequests.at(-1);
    expect(last?.searchParams.getAll('service')).toEqual(['legacy-importer']);
    expect(last?.searchParams.get('from')).toBe('now-2d');
    const rows = within(panel('Failures')).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.textContent).toContain('legacy-importer');
    expect(within(rows[0] as HTMLElement).getByText('user-build')).toBeTruthy();
  });

  it('lists failing stages by cause; a stage narrows only the failures list, through the URL', async () => {
    const fetchMock = stubBoard();
    Element.prototype.scrollIntoView = vi.fn();
    const { search, user } = renderAt('/deployments?from=now-2d&tz=utc', () => <DeploymentsPage />);
    const table = await within(panel('Failing stages')).findByRole('table');
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.textContent)).toEqual(['pull_image120 / 11 / 1', 'build88 / 0 / 0']);
    expect(panel('Failing stages').textContent).toContain('4 failures name no stage.');
    expect(await within(panel('Failures')).findByText('legacy-importer')).toBeTruthy();

    await user.click(within(table).getByRole('button', { name: 'pull_image' }));
    expect(search().toString()).toBe('from=now-2d&tz=utc&stage=pull_image');
    await waitFor(() => expect(within(panel('Failures')).queryByText('legacy-importer')).toBeNull());
    expect(within(panel('Failures')).getByText('reviews')).toBeTruthy();
    expect(within(table).getByRole('button', { name: 'pull_image' }).getAttribute('aria-pressed')).toBe(
      'true',
    );
    expect(screen.getByRole('list', { name: 'Active filters' }).textContent).toContain('Stage: pull_image');

    const urls = requestedUrls(fetchMock);
    expect(
      urls
        .filter((u) => u.pathname === '/api/deployments/failures')
        .at(-1)
        ?.searchParams.getAll('stage'),
    ).toEqual(['pull_image']);
    // The counting endpoints take no stage (and would refuse one).
    for (const url of urls.filter((u) => u.pathname !== '/api/deployments/failures')) {
      expect(url.searchParams.has('stage')).toBe(false);
    }

    await user.click(screen.getByRole('button', { name: 'Remove Stage pull_image' }));
    expect(search().has('stage')).toBe(false);
  });

  it('sends every filter in the URL to every endpoint', async () => {
    const fetchMock = stubBoard();
    renderAt('/deployments?environment=production&platform=node&platform=bogus&service=a', () => (
      <DeploymentsPage />
    ));
    await within(panel('Failures')).findByText('0 failures');
    const urls = requestedUrls(fetchMock);
    expect(new Set(urls.map((u) => u.pathname))).toEqual(
      new Set([
        '/api/deployments/kpis',
        '/api/deployments/services',
        '/api/deployments/stages',
        '/api/deployments/failures',
      ]),
    );
    for (const url of urls) {
      expect(url.searchParams.getAll('environment')).toEqual(['production']);
      expect(url.searchParams.getAll('platform')).toEqual(['node']);
      expect(url.searchParams.getAll('service')).toEqual(['a']);
    }
  });

  it('writes a platform component to the URL from its checkbox', async () => {
    stubBoard();
    const { search, user } = renderAt('/deployments?tz=utc', () => <DeploymentsPage />);
    await user.click(await screen.findByRole('checkbox', { name: 'Node.js' }));
    expect(search().getAll('platform')).toEqual(['node']);
  });

  it('keeps the other panels when one fails, and offers a retry in the failed one', async () => {
    let attempts = 0;
    stubBoard({
      services: () => {
        attempts += 1;
        return attempts === 1
          ? Response.json(
              { statusCode: 503, error: 'Service Unavailable', message: 'Elasticsearch is unreachable' },
              { status: 503 },
            )
          : services;
      },
    });
    const { user } = renderAt('/deployments?tz=utc', () => <DeploymentsPage />);
    const alert = await within(panel('Failing services')).findByRole('alert');
    expect(alert.textContent).toContain('Elasticsearch is unreachable (503)');
    expect(within(panel('Key figures')).getByText('200')).toBeTruthy();

    await user.click(within(panel('Failing services')).getByRole('button', { name: 'Retry' }));
    expect(
      await within(panel('Failing services')).findByRole('button', { name: 'legacy-importer' }),
    ).toBeTruthy();
  });

  it('says so when nothing was deployed', async () => {
    stubBoard({
      kpis: () => ({
        ...kpis,
        deployments: 0,
        releases: 0,
        succeeded: 0,
        failed: 0,
        successRate: null,
        changeFailureRate: null,
        perDay: [],
      }),
      services: () => ({ services: [] }),
      stages: () => ({ stages: [], withoutStage: 0 }),
    });
    renderAt('/deployments?tz=utc', () => <DeploymentsPage />);
    expect(
      await within(panel('Key figures')).findByText(
        'No finished deploys or releases in this time range with these filters.',
      ),
    ).toBeTruthy();
    expect(within(panel('Failing services')).getByText(/No service had a failed deploy/)).toBeTruthy();
    expect(within(panel('Failing stages')).getByText(/No deploy or release failed/)).toBeTruthy();
  });
});
