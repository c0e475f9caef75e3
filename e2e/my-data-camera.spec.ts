// The camera on the "Your own data" panel, with Chromium's fake video device: frames captured one at a
// time and in a burst after a countdown; a refused camera says what to do and loses nothing.
import { expect, test } from '@playwright/test';
import { classCounts, drawExample, makeClasses, panel, SHAPES } from './my-data-helpers';
import { SHOTS } from './app';

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--use-fake-device-for-media-stream'],
  },
});

test.describe('the camera', () => {
  test.use({ permissions: ['camera'] });

  test('captures one frame, then a burst of ten after a countdown', async ({ page }) => {
    await page.goto('/');
    await makeClasses(page, ['me']);
    await panel(page).getByRole('tab', { name: 'Camera' }).click();
    await panel(page).getByRole('button', { name: 'Start camera' }).click();
    await expect(panel(page).getByLabel('Camera preview')).toBeVisible();
    await panel(page).getByRole('button', { name: 'Capture one for me' }).click();
    await expect(classCounts(page)).toHaveText('1 example');
    await panel(page)
      .getByRole('button', { name: /^Burst of 10/ })
      .click();
    await expect(panel(page).getByText('3', { exact: true })).toBeVisible();
    await expect(classCounts(page)).toHaveText('11 examples', { timeout: 15_000 });
    await panel(page).screenshot({ path: `${SHOTS}/my-data-camera.png` });
  });
});

test.describe('a refused camera', () => {
  // No permission granted: the browser refuses getUserMedia as a user who clicks Block would.

  test('says what to do, and keeps the examples already drawn', async ({ page }) => {
    await page.goto('/');
    await makeClasses(page, ['kept']);
    await drawExample(page, SHAPES.bar(0));
    await panel(page).getByRole('tab', { name: 'Camera' }).click();
    await panel(page).getByRole('button', { name: 'Start camera' }).click();
    await expect(panel(page).getByRole('alert')).toHaveText(
      'The camera was not allowed. Allow it for this site in the browser’s settings, or draw or add image files instead. Your examples are kept.',
    );
    await expect(classCounts(page)).toHaveText('1 example');
  });
});
