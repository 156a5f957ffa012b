import { expect, test, type Page } from '@playwright/test';

// The image tags board over the demo images seeded for the run (about 25,000 at scale 0.25).
// Counts vary with the seed, so the journey checks relations — the tag's suggested count is the
// grid's total, an area narrows it, a reload gives the same view — not fixed numbers.

function total(page: Page) {
  return page.getByTestId('images-total');
}

/** `12,345 images` → 12345 */
function countIn(text: string | null): number {
  const match = /([\d,]+) images?/.exec(text ?? '');
  return match?.[1] ? Number(match[1].replaceAll(',', '')) : Number.NaN;
}

test('search a tag, select it, draw an area on the map, and get the same view after a reload', async ({
  page,
}) => {
  await page.goto('/images');
  await expect(page.getByRole('heading', { level: 1, name: 'Image tags' })).toBeVisible();
  await expect(total(page)).toHaveText(/^[\d,]+ images$/);
  const everything = countIn(await total(page).textContent());
  expect(everything).toBeGreaterThan(1000);

  // "pool" is a later word of "swimming pool": the suggestion still comes, with its count.
  await page.getByRole('combobox', { name: 'Search tags' }).fill('pool');
  const suggestion = page.getByRole('option', { name: /^swimming pool [\d,]+ images$/ });
  await expect(suggestion).toBeVisible();
  const suggested = countIn(await suggestion.textContent());
  expect(suggested).toBeGreaterThan(0);
  expect(suggested).toBeLessThan(everything);

  await suggestion.click();
  await expect.poll(() => new URL(page.url()).searchParams.getAll('tags')).toEqual(['swimming pool']);
  // Nothing else is selected, so the grid holds exactly the images the suggestion counted.
  await expect(total(page)).toHaveText(`${suggested.toLocaleString('en-US')} images`);
  const grid = page.getByRole('list', { name: 'Images' });
  await expect(grid.getByRole('listitem').first()).toBeVisible();
  await expect(grid.getByRole('listitem').first()).toContainText('swimming pool');

  // Multi-select: the other tags are still offered, with counts, beside the chosen one.
  const tagFacet = page.getByRole('region', { name: 'Filters' }).getByRole('group', { name: 'Tags' });
  await expect(tagFacet.getByRole('checkbox', { name: /^swimming pool [\d,]+$/ })).toBeChecked();
  await expect.poll(() => tagFacet.getByRole('checkbox', { checked: false }).count()).toBeGreaterThan(1);
  await expect(tagFacet.getByRole('checkbox', { checked: false }).first()).toHaveAccessibleName(/ [\d,]+$/);

  // Drag a box over Europe and Africa (36°W–36°E, 17.5°N–62.5°N on the world map).
  const map = page.getByRole('img', { name: 'Image locations map' });
  await expect(map.locator('.images-map-land')).toBeAttached();
  const box = await map.boundingBox();
  if (!box) throw new Error('the map has no size');
  await page.mouse.move(box.x + box.width * 0.4, box.y + box.height * 0.15);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.3, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.45, { steps: 5 });
  await page.mouse.up();

  await expect.poll(() => new URL(page.url()).searchParams.get('bbox')).toMatch(/^-?[\d.]+(,-?[\d.]+){3}$/);
  await expect(total(page)).not.toHaveText(`${suggested.toLocaleString('en-US')} images`);
  const inArea = countIn(await total(page).textContent());
  expect(inArea).toBeGreaterThan(0);
  expect(inArea).toBeLessThan(suggested);
  await expect(page.getByRole('list', { name: 'Active selections' })).toContainText('Area:');
  const url = page.url();

  await page.reload();
  expect(page.url()).toBe(url);
  await expect(total(page)).toHaveText(`${inArea.toLocaleString('en-US')} images`);
  await expect(page.getByRole('list', { name: 'Active selections' })).toContainText('Tag: swimming pool');
  await expect(tagFacet.getByRole('checkbox', { name: /^swimming pool [\d,]+$/ })).toBeChecked();
  await expect(map.locator('.images-map-selection')).toBeAttached();

  // "Clear area" takes the box away and keeps the tag.
  await page.getByRole('button', { name: 'Clear area' }).click();
  await expect(total(page)).toHaveText(`${suggested.toLocaleString('en-US')} images`);
  expect(new URL(page.url()).searchParams.getAll('tags')).toEqual(['swimming pool']);
});

test('an image opens in the drawer with its Vision tags, and the link reopens it', async ({ page }) => {
  await page.goto('/images?tags=swimming+pool');
  const firstCard = page.getByRole('list', { name: 'Images' }).getByRole('link').first();
  await firstCard.click();
  await expect.poll(() => new URL(page.url()).searchParams.get('image')).toMatch(/^img-/);
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByRole('table')).toContainText('swimming pool');

  await page.reload();
  await expect(page.getByRole('dialog').getByRole('table')).toContainText('swimming pool');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  expect(new URL(page.url()).searchParams.getAll('tags')).toEqual(['swimming pool']);
});
