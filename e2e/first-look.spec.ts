// What a newcomer meets before and in the first seconds of training (issue 16): Space before a batch of
// training images is in, Train as soon as it is (issue 20), a typed seed, the step counter, the layer cards,
// the memory column and the draw pad.
import { expect, test, type Page } from '@playwright/test';
import {
  cards,
  drawStroke,
  expectDatasetsLoaded,
  expectLeNet,
  notice,
  openPanel,
  showOutline,
  stepCount,
} from './app';

const trainButton = (page: Page) => page.getByRole('button', { name: 'Train', exact: true });
const text = async (page: Page, id: string) => (await page.getByTestId(id).textContent()) ?? '';

/** Holds back the requests for the dataset file `file` until the returned function is called. */
async function holdBack(page: Page, file: string): Promise<() => void> {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**/data/mnist/${file}`, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

test('Train waits for a batch of training images (Space says why), then trains at once while the test images load', async ({
  page,
}) => {
  // Both image files are held back: first no image is in, then only the training images stream in.
  const releaseTrain = await holdBack(page, 'train-images-idx3-ubyte.gz');
  const releaseTest = await holdBack(page, 't10k-images-idx3-ubyte.gz');
  await page.goto('/');
  await expectLeNet(page);
  await expect(page.locator('#train-blocked')).toHaveText('Waiting for the dataset to load…');
  await expect(trainButton(page)).toBeDisabled();
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Space');
  await expect(notice(page, 'Space: Waiting for the dataset to load…')).toBeVisible();

  releaseTrain();
  // A newcomer presses Train as soon as it is enabled: a run on the training images in so far, not an error.
  await expect(trainButton(page)).toBeEnabled();
  await expect(page.getByTestId('dataset-status')).toHaveText(/^[\d,]+ of 70,000 images$/);
  await trainButton(page).click();
  await expect(page.getByTestId('trainer-state')).toHaveText('Training');
  await expect.poll(() => stepCount(page)).toBeGreaterThan(0);
  await expect(page.getByTestId('train-loss')).toHaveText(/^\d+\.\d+$/);
  // The test accuracy waits for the test split.
  await expect(page.getByTestId('test-accuracy')).toHaveText('—');

  releaseTest();
  await expectDatasetsLoaded(page);
  await expect(page.getByTestId('test-accuracy')).toHaveText(/^\d+\.\d%$/);
  await expect(page.getByTestId('trainer-state')).toHaveText('Training');
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByTestId('trainer-state')).toHaveText('Paused');
  await expect(notice(page, /error|failed|images are loaded/i)).toHaveCount(0);
});

test('a typed seed applies to the next run without Reset, and a seed typed mid-run says Reset applies it', async ({
  page,
}) => {
  await page.goto('/');
  await expectDatasetsLoaded(page);
  await openPanel(page, 'Hyperparameters');
  const seed = page.getByLabel('Seed', { exact: true });
  const step = page.getByRole('button', { name: 'Step', exact: true });
  const firstLoss = async () => {
    await step.click();
    await expect(page.getByTestId('step')).toHaveText('1');
    await expect(page.getByTestId('train-loss')).not.toHaveText('—');
    return text(page, 'train-loss');
  };
  // The first step's loss depends on the initial weights and the first batch, both drawn from the seed.
  await seed.fill('7');
  const typed = await firstLoss();
  // Reset rebuilds from seed 7: the same first step as the run the typed seed started.
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(page.getByTestId('step')).toHaveText('0');
  expect(await firstLoss()).toBe(typed);
  await expect(page.getByText('The new seed applies when you press Reset.')).toHaveCount(0);
  // Mid-run, a new seed cannot change the run: the form says what applies it.
  await seed.fill('8');
  await expect(page.getByText('The new seed applies when you press Reset.')).toBeVisible();
  await seed.fill('7');
  await expect(page.getByText('The new seed applies when you press Reset.')).toHaveCount(0);
});

test('the Steps counter reads live, not only at each metrics report', async ({ page }) => {
  await page.goto('/');
  await expectDatasetsLoaded(page);
  await trainButton(page).click();
  // Reports (and the loss) come every 20 steps; the counter must show the steps in between.
  await expect
    .poll(async () => (await stepCount(page)) % 20, { timeout: 60_000, intervals: [50] })
    .not.toBe(0);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
});

test('diagram nodes and layer cards show their parameters in full', async ({ page }) => {
  await page.goto('/');
  await expectLeNet(page);
  // No parameter text is cut off: each fits its box.
  const cutOff = (selector: string) =>
    cards(page)
      .locator(selector)
      .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent));
  await expect(cards(page).nth(0).locator('.dnode-params')).toHaveText('1→6, 5×5, pad 2');
  expect(await cutOff('.dnode-params')).toEqual([]);
  await showOutline(page);
  await expect(cards(page).nth(0).locator('.layer-params')).toHaveText('1→6, 5×5, pad 2');
  await expect(cards(page).nth(3).locator('.layer-params')).toHaveText('6→16, 5×5');
  expect(await cutOff('.layer-params')).toEqual([]);
});

test('memory per layer is labelled an estimate, beside the measured GPU buffer total', async ({ page }) => {
  await page.goto('/');
  await expectLeNet(page);
  await openPanel(page, 'Summary');
  const summary = page.getByRole('table', { name: 'Model summary' });
  await expect(summary.getByRole('columnheader', { name: /Memory/ })).toHaveText(
    'Memory, estimated (act. / params)',
  );
  await expect(page.getByTestId('gpu-bytes')).toHaveText(/^Measured: [\d.]+ (kB|MB) of GPU buffers$/, {
    timeout: 30_000,
  });
});

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
