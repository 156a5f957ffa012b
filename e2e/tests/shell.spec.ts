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

// Issue #7: the CSP sent by the BFF is strict (no inline scripts or styles); every board must run
// under it. Chromium reports each violation as a console error and a `securitypolicyviolation` event.
test('every board runs under the Content-Security-Policy without a single violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/content security policy|securitypolicyviolation/i.test(message.text()))
      violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`securitypolicyviolation: ${event.violatedDirective} blocked ${event.blockedURI}`);
    });
  });

  const response = await page.goto('/cloudtrail?from=now-2d');
  const headers = response?.headers() ?? {};
  expect(headers['content-security-policy']).toContain("script-src 'self'");
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  // recharts draws with inline style properties: allowed, since they are set through the CSSOM.
  await expect(page.locator('.recharts-surface').first()).toBeVisible();

  const nav = page.getByRole('navigation', { name: 'Boards' });
  for (const link of await nav.getByRole('link').all()) {
    await link.click();
    await expect(page.locator('main h1')).toBeVisible();
    // Charts, the world map and the thumbnails are drawn once their data is in.
    await page.waitForLoadState('networkidle');
  }
  expect(violations).toEqual([]);
});
