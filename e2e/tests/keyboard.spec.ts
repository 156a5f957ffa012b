import { expect, test } from '@playwright/test';

// On-call without a mouse: every step of this journey is a key press (web/src/lib/keymap.ts).

test('from the CloudTrail board to an event’s raw record and back, keys only', async ({ page }) => {
  // A long journey (eight steps, each a round trip): more than the default 30 s on a busy machine.
  test.setTimeout(60_000);
  const to = new Date();
  const from = new Date(to.getTime() - 2 * 86_400_000);
  const range = { from: from.toISOString(), to: to.toISOString() };
  await page.goto(`/cloudtrail?${new URLSearchParams({ ...range, tz: 'utc' })}`);
  const rows = page.getByRole('region', { name: 'Events' }).locator('tbody tr');
  await expect(rows.nth(2)).toBeVisible();

  // j enters the events list and moves down, k moves back up.
  await page.keyboard.press('j');
  await expect(rows.nth(0)).toBeFocused();
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await expect(rows.nth(2)).toBeFocused();
  await page.keyboard.press('k');
  const row = rows.nth(1);
  await expect(row).toBeFocused();
  await expect(row).toHaveAttribute('aria-selected', 'true');
  const eventID = (await row.getAttribute('data-event-id')) ?? '';
  expect(eventID).not.toBe('');

  // Enter opens its raw record in the drawer.
  await page.keyboard.press('Enter');
  await expect.poll(() => new URL(page.url()).searchParams.get('event')).toBe(eventID);
  await expect(page.getByRole('dialog').getByLabel('Raw CloudTrail record (JSON)')).toContainText(
    `"eventID": "${eventID}"`,
  );

  // Esc closes it, and the focus is back on the row it came from.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.locator(`tr[data-event-id="${eventID}"]`)).toBeFocused();

  // [ steps the range back by its own length (two days), ] forward again.
  await page.keyboard.press('[');
  await expect
    .poll(() => new URL(page.url()).searchParams.get('to'))
    .toBe(new Date(from.getTime()).toISOString());
  expect(new URL(page.url()).searchParams.get('from')).toBe(
    new Date(from.getTime() - 2 * 86_400_000).toISOString(),
  );
  await page.keyboard.press(']');
  await expect.poll(() => new URL(page.url()).searchParams.get('to')).toBe(range.to);
  expect(new URL(page.url()).searchParams.get('from')).toBe(range.from);

  // ? lists the keys; Esc closes the list.
  await page.keyboard.press('?');
  const keys = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(keys).toContainText('Next row of the list');
  await expect(keys).toContainText('Step the time range back by its own length');
  await page.keyboard.press('Escape');
  await expect(keys).toHaveCount(0);
});

test('a pasted eventID and trace id each land, with / and one Enter, on their board', async ({
  page,
  request,
}) => {
  test.setTimeout(60_000);
  const to = new Date();
  const from = new Date(to.getTime() - 2 * 86_400_000);
  const range = { from: from.toISOString(), to: to.toISOString() };
  const events = await request.get('/api/cloudtrail/events', { params: { ...range, size: 1 } });
  const eventID = ((await events.json()) as { events: { eventID: string }[] }).events[0]!.eventID;
  const traces = await request.get('/api/traces/search', { params: { ...range, size: 1 } });
  const traceId = ((await traces.json()) as { traces: { traceId: string }[] }).traces[0]!.traceId;

  await page.goto(`/deployments?${new URLSearchParams({ ...range, tz: 'utc' })}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Deployments' })).toBeVisible();

  // / focuses the find box wherever the focus was; the value is pasted, Enter opens the first result.
  await page.keyboard.press('/');
  const find = page.getByRole('combobox', { name: 'Find a value across the boards' });
  await expect(find).toBeFocused();
  await page.keyboard.insertText(eventID);
  await expect(page.getByRole('option').first()).toContainText('eventID');
  await page.keyboard.press('Enter');
  await expect.poll(() => new URL(page.url()).searchParams.get('event')).toBe(eventID);
  await expect(page.getByRole('dialog').getByLabel('Raw CloudTrail record (JSON)')).toContainText(eventID);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.keyboard.press('/');
  await expect(find).toBeFocused();
  await find.fill('');
  await page.keyboard.insertText(traceId.toUpperCase());
  await expect(page.getByRole('option').first()).toContainText('trace');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/traces/${traceId}`));
  await expect(
    page.getByRole('tree', { name: 'Spans of the trace' }).getByRole('treeitem').first(),
  ).toBeVisible();
});
