import { expect, test, type Locator, type Page } from '@playwright/test';

// The deployments board over the demo data seeded for the run (the last two days). Counts vary
// with the seed, so the journey checks relations — "every failure is of the service I clicked".

function lastTwoDaysUrl(): string {
  const to = new Date();
  const from = new Date(to.getTime() - 2 * 86_400_000);
  const params = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), tz: 'utc' });
  return `/deployments?${params}`;
}

function failuresPanel(page: Page): Locator {
  return page.getByRole('region', { name: 'Failures' });
}

/** [service, deciding rule] of every row of the failures table. */
async function failuresShown(page: Page): Promise<[string, string][]> {
  return failuresPanel(page)
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => [
        row.children[1]?.querySelector('strong')?.textContent ?? '',
        row.children[6]?.textContent ?? '',
      ]),
    );
}

/** Resolves once the table holds only `service` (at least one row), each row naming its rule. */
async function expectOnlyFailuresOf(page: Page, service: string) {
  await expect
    .poll(async () => {
      const rows = await failuresShown(page);
      return rows.length > 0 && rows.every(([s, rule]) => s === service && rule.trim() !== '');
    })
    .toBe(true);
}

test('from the key figures to one failing service and its deciding rules, restored by a reload', async ({
  page,
}) => {
  await page.goto(lastTwoDaysUrl());
  await expect(page.getByRole('heading', { level: 1, name: 'Deployments' })).toBeVisible();

  const tiles = page.getByRole('region', { name: 'Key figures' });
  const deployments = tiles.locator('.deployments-tile', { hasText: 'Deployments' }).locator('dd').first();
  await expect(deployments).toHaveText(/^\d[\d,]*$/);
  expect(Number((await deployments.textContent())?.replace(/,/g, ''))).toBeGreaterThan(0);
  await expect(tiles.getByLabel(/^DORA rating: /).first()).toBeVisible();

  const services = page.getByRole('region', { name: 'Failing services' });
  const firstService = services.getByRole('button').first();
  await expect(firstService).toBeVisible();
  const service = (await firstService.textContent())?.trim() ?? '';
  expect(service).not.toBe('');

  await firstService.click();
  await expect(page).toHaveURL(new RegExp(`[?&]service=${service}(&|$)`));
  await expectOnlyFailuresOf(page, service);
  await expect(page.getByRole('list', { name: 'Active filters' })).toContainText(`Service: ${service}`);
  await page.screenshot({ path: 'test-results/deployments-board.png', fullPage: true });

  await page.reload();
  await expect(page.getByRole('list', { name: 'Active filters' })).toContainText(`Service: ${service}`);
  await expect(services.getByRole('button', { name: service })).toHaveAttribute('aria-pressed', 'true');
  await expectOnlyFailuresOf(page, service);
});

test('a failing stage narrows the failures list to that stage, as many as the stage counts', async ({
  page,
}) => {
  await page.goto(lastTwoDaysUrl());
  const stages = page.getByRole('region', { name: 'Failing stages' });
  const firstRow = stages.locator('tbody tr').first();
  await expect(firstRow).toBeVisible();
  const stage = (await firstRow.getByRole('button').textContent())?.trim() ?? '';
  const count = (await firstRow.locator('td').nth(1).textContent())?.trim() ?? '';
  expect(stage).not.toBe('');

  await firstRow.getByRole('button').click();
  await expect(page).toHaveURL(new RegExp(`[?&]stage=${stage}(&|$)`));
  await expect(stages.getByRole('button', { name: stage })).toHaveAttribute('aria-pressed', 'true');
  await expect(failuresPanel(page).getByTestId('failures-total')).toHaveText(
    `${count} ${count === '1' ? 'failure' : 'failures'}`,
  );
  await expect
    .poll(async () => {
      const shown = await failuresPanel(page)
        .locator('tbody tr')
        .evaluateAll((rows) => rows.map((row) => row.children[3]?.textContent ?? ''));
      return shown.length > 0 && shown.every((s) => s === stage);
    })
    .toBe(true);
});
