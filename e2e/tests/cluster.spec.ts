import { expect, test } from '@playwright/test';

// The cluster board over the demo data seeded for the run: the engine's own health, every board's
// index family with its freshness, and links from a family to the board it feeds.

test('from cluster health to a family’s daily volume and on to the board it feeds, restored by a reload', async ({
  page,
}) => {
  await page.goto('/cluster?tz=utc');
  await expect(page.getByRole('heading', { level: 1, name: 'Cluster' })).toBeVisible();

  const health = page.getByRole('region', { name: 'Health' });
  await expect(health.locator('.status-badge')).toHaveText(/^(green|yellow|red)$/);
  await expect(health.getByRole('img', { name: /% used \(.+ of .+\)/ }).first()).toBeVisible();

  // The demo wrote CloudTrail daily indices: the family lists them with a recent newest document.
  const families = page.getByRole('region', { name: 'Index families' });
  const cloudtrail = families.locator('tbody tr', { hasText: 'CloudTrail' });
  await expect(cloudtrail.locator('td').nth(1)).toHaveText(/^[1-9]\d*$/);
  await expect(cloudtrail.getByRole('link', { name: /ago$/ })).toHaveAttribute('href', '/cloudtrail');

  await cloudtrail.getByRole('button', { name: 'CloudTrail' }).click();
  await expect(page).toHaveURL(/family=cloudtrail/);
  const chart = page.getByRole('region', { name: 'Daily volume, last 14 days' });
  await expect(chart.getByText(/CloudTrail \(ct-\*\)/)).toBeVisible();

  await page.reload();
  await expect(chart.getByText(/CloudTrail \(ct-\*\)/)).toBeVisible();

  // The forecast and the retention plan answer on their own.
  await expect(page.getByRole('region', { name: 'Disk forecast' }).getByText(/High watermark/)).toBeVisible();
  await expect(page.getByRole('region', { name: 'Retention plan' }).locator('.panel-body')).not.toContainText(
    'Loading',
  );

  await cloudtrail.getByRole('link', { name: 'Open the board CloudTrail feeds' }).click();
  await expect(page).toHaveURL(/\/cloudtrail/);
  await expect(page.getByRole('heading', { level: 1, name: 'CloudTrail' })).toBeVisible();
});
