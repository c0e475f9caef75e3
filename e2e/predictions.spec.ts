// The predictions region after an evaluation (issue 16): Fashion-MNIST's class names label the matrix and
// the probability bars.
// The untrained MLP preset evaluates in seconds on SwiftShader; what is checked does not need training.
import { expect, test, type Page } from '@playwright/test';
import { DATASETS_LOADED, drawStroke, expectDatasetsLoaded } from './app';

async function loadMlp(page: Page): Promise<void> {
  await page.getByRole('combobox', { name: 'Preset' }).selectOption({ label: 'MLP' });
  await page.getByRole('button', { name: 'Load preset' }).click();
}

async function evaluate(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Evaluate' }).click();
  await expect(page.getByRole('table', { name: 'Confusion matrix' })).toBeVisible({ timeout: 60_000 });
}

test('Fashion-MNIST class names label the confusion matrix and the probability bars, clear of the bars', async ({
  page,
}) => {
  const names = [
    'T-shirt/top',
    'Trouser',
    'Pullover',
    'Dress',
    'Coat',
    'Sandal',
    'Shirt',
    'Sneaker',
    'Bag',
    'Ankle boot',
  ];
  await page.goto('/');
  await expectDatasetsLoaded(page);
  await loadMlp(page);
  await page.getByRole('combobox', { name: 'Dataset' }).selectOption({ label: 'Fashion-MNIST' });
  await expect(page.getByTestId('dataset-status')).toHaveText(/ of 70,000 images$/);
  await expect(page.getByTestId('dataset-status')).toHaveText(DATASETS_LOADED, { timeout: 90_000 });

  await drawStroke(page, [
    [0.3, 0.2],
    [0.7, 0.2],
    [0.7, 0.8],
  ]);
  const bars = page.getByRole('list', { name: 'Class probabilities' }).getByRole('listitem');
  await expect(bars).toHaveCount(10);
  await expect(bars.locator('.prob-name')).toHaveText(names);
  // Each name is whole and ends before its bar starts.
  const overlaps = await bars.evaluateAll((lis) =>
    lis.flatMap((li) => {
      const name = li.querySelector('.prob-name')!;
      const bar = li.querySelector('.prob-bar')!.getBoundingClientRect();
      const cut = name.scrollWidth > name.clientWidth + 1;
      return cut || name.getBoundingClientRect().right > bar.left + 0.5 ? [name.textContent] : [];
    }),
  );
  expect(overlaps).toEqual([]);

  await evaluate(page);
  const matrix = page.getByRole('table', { name: 'Confusion matrix' });
  await expect(matrix.getByRole('columnheader')).toHaveText(names);
  await expect(matrix.getByRole('rowheader')).toHaveText(names);
});
