// Skip connections in the card builder with the keyboard alone: add an Add after LeNet's first ReLU, give
// it the first convolution as its second input, see the design valid with the skip in its summary, and
// train it.
import { expect, test } from '@playwright/test';
import { cards, openLoaded, stepCount } from './app';

test('builds a residual Add with the keyboard and trains it', async ({ page }) => {
  await openLoaded(page);
  await page.getByRole('button', { name: 'Outline', exact: true }).press('Enter');
  await page.getByRole('button', { name: 'Select layer 2 (ReLU)' }).press('Enter');
  await page.getByRole('button', { name: 'Add Add', exact: true }).press('Enter');
  await expect(cards(page).nth(2)).toHaveAttribute('data-kind', 'Add');
  const inspector = page.getByRole('region', { name: 'Inspector' });
  // One input only: the design says what is missing and which earlier output fits.
  await expect(
    page.getByText(/adds two inputs or more, but only layer 2 \(ReLU\) is connected/).first(),
  ).toBeVisible();
  await inspector.getByRole('button', { name: 'Add input' }).press('Enter');
  // The nearest earlier output it does not read yet: the first convolution (6×28×28, as the ReLU).
  await expect(inspector.getByLabel('Input 2', { exact: true })).toHaveValue('conv1');
  await expect(page.locator('[aria-invalid="true"]')).toHaveCount(0);
  await expect(cards(page).nth(2).getByTestId('layer-shape')).toHaveText('6×28×28');
  await expect(cards(page).nth(2)).toContainText('2 inputs');

  await page.getByRole('button', { name: 'Train', exact: true }).press('Enter');
  await expect.poll(() => stepCount(page), { timeout: 90_000 }).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Pause', exact: true }).press('Enter');
  await expect(page.getByTestId('train-loss')).toHaveText(/^\d+\.\d+$/);
});
