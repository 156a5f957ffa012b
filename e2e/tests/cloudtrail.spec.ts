import { expect, test, type Locator, type Page } from '@playwright/test';

// The CloudTrail board over the demo data seeded for the run (the last two days). Counts vary
// with the seed, so the journeys check relations — "every row is the call I clicked" — not numbers.

function lastTwoDaysUrl(): string {
  const to = new Date();
  const from = new Date(to.getTime() - 2 * 86_400_000);
  const params = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), tz: 'utc' });
  return `/cloudtrail?${params}`;
}

function eventsPanel(page: Page): Locator {
  return page.getByRole('region', { name: 'Events' });
}

/** Rows of the events table (the header row has no cells). */
function eventRows(page: Page): Locator {
  return eventsPanel(page)
    .getByRole('row')
    .filter({ has: page.getByRole('cell') });
}

async function eventNamesShown(page: Page): Promise<string[]> {
  // One round trip for the whole table; the second cell of each row is the event name.
  return eventRows(page).evaluateAll((rows) => rows.map((row) => row.children[1]?.textContent ?? ''));
}

/** Resolves once the table holds only `name` (and at least one row). */
async function expectOnlyEvents(page: Page, name: string) {
  await expect
    .poll(async () => {
      const names = await eventNamesShown(page);
      return names.length > 0 && names.every((n) => n === name);
    })
    .toBe(true);
}

test('from the top calls to one raw event, restored by a reload', async ({ page }) => {
  await page.goto(lastTwoDaysUrl());
  await expect(page.getByRole('heading', { level: 1, name: 'CloudTrail' })).toBeVisible();
  await expect(page.getByText(/^Newest event .* ago/)).toBeVisible();

  const chartPanel = page.getByRole('region', { name: 'Top API calls' });
  await expect(chartPanel).toBeVisible();
  const topCalls = chartPanel.getByRole('table', { name: 'Top calls in range' });
  const firstCall = topCalls.getByRole('link').first();
  await expect(firstCall).toBeVisible();
  const eventName = (await firstCall.textContent())?.trim() ?? '';
  expect(eventName).not.toBe('');

  await firstCall.click();
  await expect(page).toHaveURL(new RegExp(`[?&]eventName=${eventName}(&|$)`));
  await expectOnlyEvents(page, eventName);

  await eventRows(page).first().click();
  await expect(page).toHaveURL(/[?&]event=[A-Za-z0-9-]+/);
  const eventID = new URL(page.url()).searchParams.get('event') ?? '';
  const drawer = page.getByRole('dialog', { name: eventName });
  const json = drawer.getByLabel('Raw CloudTrail record (JSON)');
  await expect(json).toContainText(`"eventID": "${eventID}"`);
  await expect(json).toContainText(`"eventName": "${eventName}"`);

  await page.reload();
  await expect(page.getByRole('list', { name: 'Active filters' })).toContainText(`Event name: ${eventName}`);
  await expect(
    page.getByRole('dialog', { name: eventName }).getByLabel('Raw CloudTrail record (JSON)'),
  ).toContainText(`"eventID": "${eventID}"`);
  await expectOnlyEvents(page, eventName);

  // Escape closes the drawer and takes `event` out of the URL, keeping the filter.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(new URL(page.url()).searchParams.has('event')).toBe(false);
  expect(new URL(page.url()).searchParams.get('eventName')).toBe(eventName);
});

test('a click on a bar segment lists that call in that bar’s time span', async ({ page }) => {
  await page.goto(lastTwoDaysUrl());
  const chartPanel = page.getByRole('region', { name: 'Top API calls' });
  // The first series is the busiest call of the range. Its newest segment tall enough to click
  // (a 1-px sliver at the bottom sits under the axis line, which takes the click).
  const segments = chartPanel.locator('.recharts-bar').first().locator('.recharts-bar-rectangle');
  await expect(segments.first()).toBeVisible();
  const heights = await segments.evaluateAll((nodes) =>
    nodes.map((node) => node.getBoundingClientRect().height),
  );
  const clickable = heights.findLastIndex((height) => height >= 6);
  expect(clickable).toBeGreaterThanOrEqual(0);
  await segments.nth(clickable).click();

  await expect(page).toHaveURL(/[?&]eventName=/);
  const url = new URL(page.url());
  const eventName = url.searchParams.get('eventName') ?? '';
  const from = Date.parse(url.searchParams.get('from') ?? '');
  const to = Date.parse(url.searchParams.get('to') ?? '');
  // Absolute ends, one bar wide (30 minutes over two days, less where the range cuts the bar).
  expect(to - from).toBeGreaterThan(0);
  expect(to - from).toBeLessThanOrEqual(30 * 60_000);

  await expectOnlyEvents(page, eventName);
  const times = await eventRows(page).evaluateAll((rows) =>
    rows.map((row) => row.querySelector('td')?.textContent ?? ''),
  );
  for (const time of times) {
    // "2026-11-26 10:40:00 UTC" (the URL says tz=utc)
    const ms = Date.parse(time.replace(' UTC', 'Z').replace(' ', 'T'));
    expect(ms).toBeGreaterThanOrEqual(Math.floor(from / 1000) * 1000);
    expect(ms).toBeLessThan(to);
  }
});
