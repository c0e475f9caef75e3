// Weights kept in this browser through the header's "Kept weights" menu: LeNet-5 trained a few steps,
// kept, reloaded and loaded back predicts exactly as before. A full quota is covered with Chromium's real quota
// in weights-storage.spec.ts and through these actions in src/ui/export/browser-weights-actions.test.ts.
import { expect, test, type Page } from '@playwright/test';
import { drawAndRead, expectDatasetsLoaded, notice, openLoaded } from './app';

/** Opens the "Kept weights" menu (if closed) and returns its panel. */
async function keptMenu(page: Page) {
  const toggle = page.getByRole('button', { name: 'Kept weights', exact: true });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  return page.getByRole('group', { name: 'Kept weights' });
}

/** The kept names once the list shows `count` of them (the notice comes just before the list refreshes). */
async function keptNames(page: Page, count: number): Promise<string[]> {
  const names = page.getByRole('list', { name: 'Kept weights' }).locator('.kept-weights-name');
  await expect(names).toHaveCount(count);
  return names.allTextContents();
}

test('kept weights survive a reload and load back to the same predictions', async ({ page }) => {
  test.setTimeout(360_000);
  await openLoaded(page);
  const step = page.getByRole('button', { name: 'Step', exact: true });
  // The first step's report sets the count shown; each later Step adds one.
  const shown = (await page.getByTestId('step').textContent()) ?? '';
  await step.click();
  await expect(page.getByTestId('step')).not.toHaveText(shown, { timeout: 60_000 });
  const first = Number(await page.getByTestId('step').textContent());
  for (let i = 1; i <= 3; i++) {
    await step.click();
    await expect(page.getByTestId('step')).toHaveText(String(first + i), { timeout: 60_000 });
  }
  const trained = await drawAndRead(page);

  // With no name given, the design's name and the time name them; Delete removes them.
  let menu = await keptMenu(page);
  await expect(menu.getByText('No weights kept yet.')).toBeVisible();
  await menu.getByRole('button', { name: 'Keep weights in this browser' }).click();
  await expect(
    notice(page, /Kept the weights "LeNet-5 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d" in this browser \(0\.2 MB\)\./),
  ).toBeVisible();
  const [auto] = await keptNames(page, 1);
  expect(auto).toMatch(/^LeNet-5 \d{4}-/);
  await menu.getByRole('button', { name: `Delete kept weights ${auto}` }).click();
  await expect(notice(page, `Deleted the kept weights "${auto}".`)).toBeVisible();
  await expect(menu.getByText('No weights kept yet.')).toBeVisible();

  // Named by the user, with the keyboard only: the field, then Enter on the Keep button.
  await menu.getByLabel('Name (optional)').fill('after 4 steps');
  await menu.getByRole('button', { name: 'Keep weights in this browser' }).focus();
  await page.keyboard.press('Enter');
  await expect(notice(page, 'Kept the weights "after 4 steps" in this browser (0.2 MB).')).toBeVisible();
  expect(await keptNames(page, 1)).toEqual(['after 4 steps']);

  // After a reload the weights are the seed's initial ones again; the kept ones bring the predictions back.
  await page.reload();
  await expectDatasetsLoaded(page);
  expect(await drawAndRead(page)).not.toEqual(trained);
  menu = await keptMenu(page);
  await menu.getByRole('button', { name: 'Load kept weights after 4 steps' }).click();
  await expect(notice(page, 'Loaded the kept weights "after 4 steps" into the design.')).toBeVisible();
  // Loading re-tests the model on the test set (slow on SwiftShader); predictions queue behind it.
  await expect(page.getByTestId('test-accuracy')).toHaveText(/^\d+\.\d%$/, { timeout: 150_000 });
  expect(await drawAndRead(page)).toEqual(trained);
});
