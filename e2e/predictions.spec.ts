// The predictions region after an evaluation (issue 16): a confusion-matrix cell opens its test images
// from the whole test set, and Fashion-MNIST's class names label the matrix and the probability bars.
// The untrained MLP preset evaluates in seconds on SwiftShader; what is checked does not need training.
import { expect, test, type Page } from '@playwright/test';
import { DATASETS_LOADED, drawStroke, expectDatasetsLoaded, openPanel } from './app';

async function loadMlp(page: Page): Promise<void> {
  await page.getByRole('combobox', { name: 'Preset' }).selectOption({ label: 'MLP' });
  await page.getByRole('button', { name: 'Load preset' }).click();
}

async function evaluate(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Evaluate' }).click();
  await openPanel(page, 'Test results');
  await expect(page.getByRole('table', { name: 'Confusion matrix' })).toBeVisible({ timeout: 60_000 });
}

/** Every cell of the confusion matrix: its button, true and predicted class, and count. */
async function cells(page: Page) {
  const buttons = page.getByRole('table', { name: 'Confusion matrix' }).getByRole('button');
  const labels = await buttons.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  return labels.map((label, i) => {
    const [, count, t, p] = /^([\d,]+) images? of (.+) predicted as (.+)$/.exec(label) ?? [];
    return { button: buttons.nth(i), count: Number(count.replace(/,/g, '')), t, p };
  });
}

test('a confusion-matrix cell shows its test images from the whole test set, with the count and pages', async ({
  page,
}) => {
  await page.goto('/');
  await expectDatasetsLoaded(page);
  await loadMlp(page);
  await evaluate(page);
  const all = await cells(page);
  expect(all).toHaveLength(100);

  // The fullest cell: far more images than the 48 of the gallery, a page of 24 at a time.
  const big = all.reduce((a, b) => (b.count > a.count ? b : a));
  expect(big.count).toBeGreaterThan(48);
  await big.button.click();
  await expect(page.getByTestId('gallery-item')).toHaveCount(24);
  const examples = page.getByRole('region', { name: `Test images of ${big.t} predicted as ${big.p}` });
  const items = examples.getByTestId('gallery-item');
  const count = examples.getByTestId('cell-count');
  await expect(count).toHaveText(
    `${big.count.toLocaleString('en-US')} test images of ${big.t} predicted as ${big.p}: 1–24`,
  );
  await expect(items).toHaveCount(24);
  await expect(
    examples.getByRole('img', { name: `true ${big.t}, predicted ${big.p}`, exact: false }),
  ).toHaveCount(24);
  const firstPage = await examples.getByRole('img').first().getAttribute('aria-label');
  await examples.getByRole('button', { name: 'Next' }).click();
  await expect(count).toHaveText(
    `${big.count.toLocaleString('en-US')} test images of ${big.t} predicted as ${big.p}: 25–48`,
  );
  await expect(examples.getByRole('img').first()).not.toHaveAttribute('aria-label', firstPage!);
  await expect(items).toHaveCount(24);

  // A small cell shows all its images, whichever of them the gallery happens to hold.
  const small = all.find((c) => c.count > 0 && c.count < 24 && c.t !== c.p);
  if (small) {
    await small.button.click();
    const region = page.getByRole('region', { name: `Test images of ${small.t} predicted as ${small.p}` });
    await expect(region.getByTestId('gallery-item')).toHaveCount(small.count);
    await expect(
      region.getByRole('img', { name: `true ${small.t}, predicted ${small.p}`, exact: false }),
    ).toHaveCount(small.count);
  }
});

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
