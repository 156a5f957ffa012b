import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

// axe-core on every board and page of the app, over the demo data: any serious or critical
// violation fails, printed so the fix is obvious. Adding a page is one entry in PAGES.

function lastTwoDays(): { from: string; to: string } {
  const to = new Date();
  const from = new Date(to.getTime() - 2 * 86_400_000);
  return { from: from.toISOString(), to: to.toISOString() };
}

const range = () => new URLSearchParams({ ...lastTwoDays(), tz: 'utc' }).toString();

interface Checked {
  name: string;
  /** Where to go (may ask the API for a real id first). */
  url(request: APIRequestContext): Promise<string> | string;
  /** What to wait for (and do) before the check, so panels have drawn their data. */
  ready(page: Page): Promise<void>;
  /** Only this part (a drawer, a dialog: the board under it has its own entry). */
  scope?: string;
}

const heading = (name: string | RegExp) => async (page: Page) => {
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await settled(page);
};

/** No panel still loading: axe checks what a person sees, not a placeholder. */
async function settled(page: Page) {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 15_000 });
}

const PAGES: Checked[] = [
  { name: 'CloudTrail board', url: () => `/cloudtrail?${range()}`, ready: heading('CloudTrail') },
  {
    name: 'CloudTrail event drawer',
    url: () => `/cloudtrail?${range()}`,
    ready: async (page) => {
      await heading('CloudTrail')(page);
      await page.getByRole('region', { name: 'Events' }).locator('tbody tr').first().click();
      await expect(page.getByLabel('Raw CloudTrail record (JSON)')).toBeVisible();
      await settled(page);
    },
    scope: '[role="dialog"]',
  },
  {
    name: 'Container failures board',
    url: () => `/containers?${range()}`,
    ready: heading('Container failures'),
  },
  {
    name: 'Container failure page',
    url: async (request) => {
      const response = await request.get('/api/containers/failures', {
        params: { ...lastTwoDays(), size: 1 },
      });
      expect(response.ok(), await response.text()).toBe(true);
      const body = (await response.json()) as { failures: { link: string }[] };
      expect(body.failures.length).toBeGreaterThan(0);
      return body.failures[0]!.link;
    },
    ready: heading(/failed to start$/),
  },
  { name: 'Deployments board', url: () => `/deployments?${range()}`, ready: heading('Deployments') },
  { name: 'Image tags board', url: () => '/images', ready: heading('Image tags') },
  {
    name: 'Image drawer',
    url: () => '/images?tags=swimming+pool',
    ready: async (page) => {
      await heading('Image tags')(page);
      await page.getByRole('list', { name: 'Images' }).getByRole('link').first().click();
      await expect(page.getByRole('dialog').getByRole('table')).toBeVisible();
      await settled(page);
    },
    scope: '[role="dialog"]',
  },
  { name: 'Cluster board', url: () => '/cluster?tz=utc', ready: heading('Cluster') },
  {
    name: 'Keys dialog',
    url: () => `/cloudtrail?${range()}`,
    ready: async (page) => {
      await heading('CloudTrail')(page);
      await page.keyboard.press('?');
      await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    },
    scope: '[role="dialog"]',
  },
  { name: 'Traces board', url: () => `/traces?${range()}`, ready: heading('Traces') },
  {
    name: 'Traces service page',
    url: () => `/traces/services/partner-gateway?${range()}`,
    ready: heading('partner-gateway'),
  },
  {
    name: 'Trace page with a span drawer',
    url: async (request) => {
      const response = await request.get('/api/traces/search', {
        params: { ...lastTwoDays(), sort: 'slowest', size: 1 },
      });
      expect(response.ok(), await response.text()).toBe(true);
      const body = (await response.json()) as { traces: { traceId: string }[] };
      expect(body.traces.length).toBeGreaterThan(0);
      return `/traces/${body.traces[0]!.traceId}?tz=utc`;
    },
    ready: async (page) => {
      await expect(
        page.getByRole('tree', { name: 'Spans of the trace' }).getByRole('treeitem').first(),
      ).toBeVisible();
      await page.getByRole('tree', { name: 'Spans of the trace' }).getByRole('treeitem').nth(1).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await settled(page);
    },
  },
  { name: 'Page not found', url: () => '/no-such-board', ready: heading(/not found/i) },
];

// A whole board is thousands of elements (every chart has its table); axe takes its time on 2 cores.
test.describe.configure({ timeout: 90_000 });

for (const checked of PAGES) {
  test(`${checked.name}: no serious or critical accessibility violation`, async ({ page, request }) => {
    await page.goto(await checked.url(request));
    await checked.ready(page);
    const axe = new AxeBuilder({ page });
    if (checked.scope) axe.include(checked.scope);
    const results = await axe.analyze();
    const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(blocking.map(describeViolation).join('\n\n'), `on ${page.url()}`).toBe('');
  });
}

/** One violation as a person reads it: rule, impact, what to do, and each element with why. */
function describeViolation(violation: {
  id: string;
  impact?: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}): string {
  const nodes = violation.nodes.map(
    (node) => `  - ${node.target.join(' ')}\n    ${(node.failureSummary ?? '').replace(/\n/g, '\n    ')}`,
  );
  return `${violation.impact}: ${violation.id} — ${violation.help} (${violation.helpUrl})\n${nodes.join('\n')}`;
}
