import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

// The container startup failures board over the demo data seeded for the run (the last two
// days): services failing with a refused database connection, missing configuration, exit 137,
// an image pull error without logs (Fargate) and a crash loop. Counts vary with the seed, so the
// journeys check relations — "the failure page shows the first error line the list named".

/** The fields of `GET /api/containers/failures` these journeys read. */
interface DemoFailure {
  taskId: string;
  service: string;
  firstErrorLine: string | null;
  logsAvailable: boolean;
  crashLoop: boolean;
  link: string;
}

function lastTwoDays() {
  const to = new Date();
  const from = new Date(to.getTime() - 2 * 86_400_000);
  return { from: from.toISOString(), to: to.toISOString() };
}

async function demoFailures(request: APIRequestContext): Promise<DemoFailure[]> {
  const response = await request.get('/api/containers/failures', {
    params: { ...lastTwoDays(), size: 200 },
  });
  expect(response.ok(), await response.text()).toBe(true);
  const body = (await response.json()) as { failures: DemoFailure[] };
  expect(body.failures.length).toBeGreaterThan(0);
  return body.failures;
}

/** The service names of every row of the recent failures list. */
async function servicesListed(page: Page): Promise<string[]> {
  return page
    .getByRole('region', { name: 'Recent failures' })
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => row.children[1]?.querySelector('strong')?.textContent ?? ''));
}

test('the board shows failures by reason, and a failing service narrows every panel', async ({ page }) => {
  await page.goto(`/containers?${new URLSearchParams({ ...lastTwoDays(), tz: 'utc' })}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Container failures' })).toBeVisible();

  const chart = page.getByRole('region', { name: 'Failures over time' });
  await expect(
    chart.getByRole('list', { name: 'Reason classes' }).getByRole('listitem').first(),
  ).toBeVisible();
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeVisible();

  const failures = page.getByRole('region', { name: 'Recent failures' });
  await expect(failures.locator('tbody tr').first()).toBeVisible();
  // The demo has a crash loop, and every failure of the demo named its first error or its reason.
  await expect(failures.getByText('crash loop').first()).toBeVisible();
  await expect(failures.locator('code.containers-error-line').first()).toBeVisible();
  await expect(page.getByRole('list', { name: 'Freshness' })).toContainText('Newest ECS event');

  const services = page.getByRole('region', { name: 'Failing services' });
  const firstService = services.getByRole('button').first();
  const service = (await firstService.textContent())?.trim() ?? '';
  expect(service).not.toBe('');
  await firstService.click();
  await expect(page).toHaveURL(new RegExp(`[?&]service=${service}(&|$)`));
  await expect
    .poll(async () => {
      const listed = await servicesListed(page);
      return listed.length > 0 && listed.every((s) => s === service);
    })
    .toBe(true);
  await expect(page.getByRole('list', { name: 'Active filters' })).toContainText(`Service: ${service}`);
  await page.screenshot({ path: 'test-results/containers-board.png', fullPage: true });

  // A row leads to its failure page, which leads back with the same range.
  await failures.locator('tbody tr').first().getByRole('link').click();
  await expect(page).toHaveURL(/\/containers\/failures\/[A-Za-z0-9_-]+\?/);
  await expect(page.getByRole('heading', { level: 1, name: `${service} failed to start` })).toBeVisible();
  await page.getByRole('link', { name: '← Back to the board' }).click();
  await expect(page).toHaveURL(/\/containers\?/);
});

test("an alert's deep link opened in a fresh browser shows the first error line in the log", async ({
  browser,
  baseURL,
  request,
}) => {
  const failures = await demoFailures(request);
  const withLogs = failures.filter((f) => f.logsAvailable && f.firstErrorLine !== null);
  expect(withLogs.length).toBeGreaterThan(0);
  // The refused database connection when the demo has it, else any failure with logs.
  const failure =
    withLogs.find((f) => /ECONNREFUSED|connection refused/i.test(f.firstErrorLine ?? '')) ?? withLogs[0]!;
  expect(failure.link).toMatch(/^\/containers\/failures\/[^?]+\?(.*&)?from=\d{4}-\d\d-\d\dT/);

  // Nothing cached, no earlier navigation: exactly what an operator's click on the alert does.
  const context = await browser.newContext({ baseURL, timezoneId: 'Europe/Berlin', locale: 'en-GB' });
  try {
    const page = await context.newPage();
    await page.goto(failure.link);
    await expect(
      page.getByRole('heading', { level: 1, name: `${failure.service} failed to start` }),
    ).toBeVisible();
    await expect(page.getByTestId('first-error-line')).toHaveText(failure.firstErrorLine!);

    const log = page.getByRole('list', { name: 'Startup log' });
    await expect(log.getByRole('listitem').first()).toBeVisible();
    const flagged = log.locator('li[data-first-error="true"]');
    await expect(flagged).toHaveCount(1);
    await expect(flagged).toContainText(failure.firstErrorLine!);
    await expect(flagged).toBeInViewport();
    await expect(log.locator('li[data-source="stderr"]').first()).toContainText('stderr');

    // The search narrows the log to the matching lines.
    const word = failure.firstErrorLine!.split(/\s+/).find((w) => w.length >= 5) ?? failure.firstErrorLine!;
    await page.getByLabel('Search the log').fill(word);
    await expect(log.locator('mark').first()).toBeVisible();
    const shown = await log.getByRole('listitem').allTextContents();
    expect(shown.every((line) => line.toLowerCase().includes(word.toLowerCase()))).toBe(true);
    await page.screenshot({ path: 'test-results/containers-failure.png', fullPage: true });
  } finally {
    await context.close();
  }
});

test('a failure without logs (Fargate image pull) says the logs are not available', async ({
  browser,
  baseURL,
  request,
}) => {
  const failures = await demoFailures(request);
  const withoutLogs = failures.find((f) => !f.logsAvailable);
  expect(withoutLogs, 'the demo has an image pull failure without logs').toBeDefined();

  const context = await browser.newContext({ baseURL, timezoneId: 'Europe/Berlin', locale: 'en-GB' });
  try {
    const page = await context.newPage();
    await page.goto(withoutLogs!.link);
    await expect(
      page.getByRole('heading', { level: 1, name: `${withoutLogs!.service} failed to start` }),
    ).toBeVisible();
    const logPanel = page.getByRole('region', { name: 'Startup log' });
    await expect(logPanel.getByRole('note')).toContainText(/not available/i);
    await expect(page.getByRole('region', { name: 'Containers' }).locator('tbody tr').first()).toBeVisible();
  } finally {
    await context.close();
  }
});
