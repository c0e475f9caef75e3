import { expect, test, type Page } from '@playwright/test';
import { cards, openPanel, showOutline, SHOTS } from './app';

test('presentation mode enlarges the type and the diagram, hides the secondary panels and keeps the lessons', async ({
  page,
}) => {
  await page.goto('/');
  const fontSize = () =>
    page.evaluate(() =>
      parseFloat(getComputedStyle(document.querySelector('main') ?? document.body).fontSize),
    );
  // A node's shape as the back row sees it: its text's height on screen (the diagram's zoom included).
  const shape = cards(page).first().getByTestId('layer-shape');
  const onScreen = async () => (await shape.boundingBox())!.height;
  await expect(shape).toBeVisible();
  const normal = await fontSize();
  const normalShape = await onScreen();
  // The charts' axis labels grow with the rest (their drawing is zoomed, not only the page's type).
  const label = page.getByTestId('loss-chart').locator('.chart-labels text').first();
  const labelOnScreen = async () => (await label.boundingBox())!.height;
  const normalLabel = await labelOnScreen();
  // An edge's shape label between neighbours in a row (its source's header shows the same shape).
  const rowLabel = page.locator('[data-testid="edge-label"][data-source="input"]');
  await expect(rowLabel).toBeVisible();
  await openPanel(page, 'Summary');
  await expect(page.getByRole('table', { name: 'Model summary' })).toBeVisible();
  await page.getByRole('button', { name: 'Presentation mode' }).click();
  await expect(page.getByRole('button', { name: 'Presentation mode' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  expect(await fontSize()).toBeGreaterThan(normal * 1.2);
  await expect.poll(onScreen).toBeGreaterThan(normalShape * 1.3);
  await expect.poll(labelOnScreen).toBeGreaterThan(normalLabel * 1.3);
  // Larger, it would not fit between the nodes: it is put away, and the labels where a row wraps stay.
  await expect(rowLabel).toBeHidden();
  await expect(page.locator('.dedge-label-at.channel [data-testid="edge-label"]').first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/presentation-1280.png` });
  await expect(page.getByRole('table', { name: 'Model summary' })).toBeHidden();
  await expect(page.getByRole('group', { name: 'Hyperparameters' })).toBeHidden();
  await expect(page.getByRole('tab', { name: 'Summary' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeVisible();
  // A teacher presents a lesson: the classroom's buttons stay, and the lesson opens beside the app.
  await page.getByRole('navigation', { name: 'Classroom' }).getByRole('button', { name: 'Lessons' }).click();
  await expect(page.getByRole('complementary', { name: 'Lessons' })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/presentation-lessons-1280.png` });
});

test('the dark theme switches the colours', async ({ page }) => {
  await page.goto('/');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const dark = await background();
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await background()).not.toBe(dark);
});

for (const viewport of [
  { width: 1280, height: 720 },
  { width: 820, height: 1180 },
]) {
  test(`no horizontal scrolling at ${viewport.width}×${viewport.height}`, async ({ page }) => {
    await page.setViewportSize(viewport);
    await page.goto('/');
    await expect(cards(page)).toHaveCount(12);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
}

test('at 1280×720 a lesson beside an open panel leaves the diagram room', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/');
  await openPanel(page, 'Generate images');
  await page.getByRole('navigation', { name: 'Classroom' }).getByRole('button', { name: 'Lessons' }).click();
  await expect(page.getByRole('complementary', { name: 'Lessons' })).toBeVisible();
  // The open panel gives way: the diagram was squeezed to nothing here before.
  const diagram = page.locator('.react-flow');
  await expect.poll(async () => (await diagram.boundingBox())?.height ?? 0).toBeGreaterThan(100);
  await expect(page.getByRole('region', { name: 'Generate images' })).toBeVisible();
});

async function touchDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  const cdp = await page.context().newCDPSession(page);
  const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', p?: { x: number; y: number }) =>
    cdp.send('Input.dispatchTouchEvent', { type, touchPoints: p ? [{ x: p.x, y: p.y }] : [] });
  await touch('touchStart', from);
  // dnd-kit's touch sensor starts after a short press-and-hold (so that a swipe still scrolls).
  await page.waitForTimeout(300);
  for (let i = 1; i <= 10; i++) {
    await touch('touchMove', {
      x: from.x + ((to.x - from.x) * i) / 10,
      y: from.y + ((to.y - from.y) * i) / 10,
    });
  }
  await touch('touchEnd');
}

test.describe('touch', () => {
  test.use({ hasTouch: true, viewport: { width: 1280, height: 1200 } });

  test('a layer dragged from the palette by touch is inserted where it is dropped', async ({ page }) => {
    await page.goto('/');
    await showOutline(page);
    await expect(cards(page)).toHaveCount(12);
    const source = await page.getByRole('button', { name: 'Add Dropout', exact: true }).boundingBox();
    const target = await cards(page).nth(8).boundingBox();
    if (!source || !target) throw new Error('palette or card not visible');
    await touchDrag(
      page,
      { x: source.x + source.width / 2, y: source.y + source.height / 2 },
      { x: target.x + target.width / 2, y: target.y + target.height * 0.25 },
    );
    await expect(cards(page)).toHaveCount(13);
    await expect(cards(page).nth(8)).toHaveAttribute('data-kind', 'Dropout');
  });
});
