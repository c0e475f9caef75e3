// What a newcomer meets before and in the first seconds of training (issue 16): Space while the dataset
// loads, a typed seed, the step counter, the layer cards, the memory column and the draw pad.
import { expect, test } from '@playwright/test';
import { drawStroke, expectDatasetsLoaded } from './app';

test('drawing reads the pad back without a Canvas2D readback warning', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.text().includes('willReadFrequently')) warnings.push(m.text());
  });
  await page.goto('/');
  await expectDatasetsLoaded(page);
  for (let i = 0; i < 3; i++) {
    await drawStroke(page, [
      [0.3, 0.2],
      [0.7, 0.5],
      [0.4, 0.8],
    ]);
  }
  await expect(page.getByRole('list', { name: 'Class probabilities' }).getByRole('listitem')).toHaveCount(10);
  expect(warnings).toEqual([]);
});
