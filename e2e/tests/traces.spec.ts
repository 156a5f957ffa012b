import { expect, test } from '@playwright/test';

// The traces board over the demo spans seeded for the run (the last two days): a gateway calling
// services calling databases and queues. Counts vary with the seed, so the journey checks
// relations — "the span from the URL is the one
// selected" — not numbers.

function lastTwoDays() {
  const to = new Date();
  const from = new Date(to.getTime() - 2 * 86_400_000);
  return { from: from.toISOString(), to: to.toISOString() };
}

test('service map → a service → its slowest trace → one span, restored by reload', async ({ page }) => {
  await page.goto(`/traces?${new URLSearchParams({ ...lastTwoDays(), tz: 'utc' })}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Traces' })).toBeVisible();

  // The map: a service that others call (not the leftmost column) is a link to its page.
  const map = page.getByRole('group', { name: /^Service map: \d+ services/ });
  await expect(map).toBeVisible();
  const node = page.locator('a.traces-map-node').nth(1);
  const service = ((await node.getAttribute('aria-label')) ?? '').split(':')[0]!;
  expect(service).not.toBe('');
  await node.click();

  await expect(page).toHaveURL(new RegExp(`/traces/services/${encodeURIComponent(service)}\\?`));
  await expect(page.getByRole('heading', { level: 1, name: service })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Operations' }).locator('tbody tr').first()).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Requests, errors, duration' }).locator('.recharts-surface').first(),
  ).toBeVisible();

  // The service's traces, slowest first.
  await page.getByRole('link', { name: `Traces of ${service}`, exact: true }).click();
  await expect(page).toHaveURL(/\/traces\?.*service=/);
  await page.getByRole('combobox', { name: 'Sort' }).selectOption('slowest');
  const results = page.getByRole('region', { name: 'Traces' }).locator('tbody tr');
  await expect(results.first()).toBeVisible();
  const slowest = results.first().getByRole('link');
  await slowest.click();

  // The waterfall, then one span: the drawer opens and the URL names it.
  await expect(page).toHaveURL(/\/traces\/[0-9a-f]{32}/);
  const waterfall = page.getByRole('tree', { name: 'Spans of the trace' });
  await expect(waterfall.getByRole('treeitem').first()).toBeVisible();
  const row = waterfall.getByRole('treeitem').nth(2);
  const spanId = await row.getAttribute('data-span-id');
  const spanName = await row.locator('.traces-name').textContent();
  await row.click();
  await expect(page).toHaveURL(new RegExp(`[?&]span=${spanId}`));
  await expect(page.getByRole('dialog', { name: spanName ?? '' })).toBeVisible();

  // Reload: the same span selected, its drawer open.
  await page.reload();
  await expect(page.getByRole('dialog', { name: spanName ?? '' })).toBeVisible();
  await expect(page.getByRole('dialog')).toContainText(spanId ?? '');
  await expect(waterfall.getByRole('treeitem', { selected: true })).toHaveAttribute(
    'data-span-id',
    spanId ?? '',
  );
});
