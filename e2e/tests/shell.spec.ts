import { expect, test } from '@playwright/test';

// The app shell: the time range lives in the URL, survives a reload, and the zone switch
// changes every timestamp on screen. The browser runs in Europe/Berlin (playwright.config.ts).

test('a picked time range survives a reload, and the zone switch rewrites the timestamps', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/cloudtrail$/);
  await expect(page.getByRole('heading', { level: 1, name: 'CloudTrail' })).toBeVisible();

  const picker = page.getByRole('button', { name: /^Time range/ });
  await expect(picker).toHaveText('Last 24 hours');
  await picker.click();
  await page
    .getByRole('dialog', { name: 'Choose time range' })
    .getByRole('button', { name: 'Last 7 days', exact: true })
    .click();
  await expect(page).toHaveURL(/[?&]from=now-7d(&|$)/);

  await page.reload();
  await expect(picker).toHaveText('Last 7 days');

  // Local time in Berlin: GMT+1 in winter, GMT+2 in summer.
  const resolvedRange = page.getByTestId('resolved-range');
  await expect(resolvedRange).toHaveText(/ GMT\+[12]$/);
  const localText = await resolvedRange.textContent();

  await page.getByLabel('Time zone').selectOption('utc');
  await expect(page).toHaveURL(/[?&]tz=utc(&|$)/);
  await expect(resolvedRange).toHaveText(/ UTC$/);
  await expect(resolvedRange).not.toHaveText(localText ?? '');

  // The range and zone travel with the navigation to another board.
  await page.getByRole('navigation', { name: 'Boards' }).getByRole('link', { name: 'Deployments' }).click();
  await expect(page).toHaveURL(/\/deployments\?.*from=now-7d/);
  await expect(picker).toHaveText('Last 7 days');
  await expect(resolvedRange).toHaveText(/ UTC$/);
});
