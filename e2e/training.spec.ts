import { expect, test, type Page } from '@playwright/test';
import { drawStroke, expectDatasetsLoaded, openPanel } from './app';

// Training on SwiftShader (a CPU) runs a few hundred images a second: this test trains LeNet-5 for about
// half a minute, enough for the loss to fall well and test accuracy to pass 90%.
test.setTimeout(240_000);

// Issue 9's target, no main-thread task over 50 ms while training, is measured by `npm run bench` (the
// app run's longestMainThreadTaskMs): speed is shown by the benchmark, never asserted in tests. Here the
// page must answer input while training (a click shows its effect within a few frames); the long tasks
// and click-to-frame times seen are attached to the report.
// Playwright's trace recorder snapshots the DOM on the page's main thread at every action and poll, which
// would be counted here as the page's own long tasks: this test runs untraced.
test.use({ trace: 'off' });

/**
 * Clicks, then gives the time from the click event to the first animation frame in which `shown` (a CSS
 * selector) matches: how long the page takes to answer the click on screen.
 */
async function clickToFrameMs(page: Page, click: () => Promise<void>, shown: string): Promise<number> {
  await page.evaluate((selector) => {
    const w = window as unknown as { answered: Promise<number> };
    w.answered = new Promise((resolve, reject) => {
      document.addEventListener(
        'click',
        (event) => {
          let frames = 0;
          const frame = () => {
            if (document.querySelector(selector)) resolve(performance.now() - event.timeStamp);
            else if (++frames > 60) reject(new Error(`${selector} not shown within 60 frames of the click`));
            else requestAnimationFrame(frame);
          };
          requestAnimationFrame(frame);
        },
        { capture: true, once: true },
      );
    });
  }, shown);
  await click();
  return page.evaluate(() => (window as unknown as { answered: Promise<number> }).answered);
}

const text = async (page: Page, id: string) => (await page.getByTestId(id).textContent()) ?? '';

test('trains LeNet-5: loss falls, pause and step work, test accuracy passes 90%, a drawn digit is classified', async ({
  page,
}) => {
  // Record main-thread long tasks from the start, to check the page stays responsive while training.
  await page.addInitScript(() => {
    const w = window as unknown as { longTasks: number[]; shifts: number[] };
    w.longTasks = [];
    w.shifts = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.longTasks.push(entry.duration);
    }).observe({ type: 'longtask', buffered: true });
    // Layout shifts not caused by the user's own input.
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
      })[])
        if (!entry.hadRecentInput) w.shifts.push(entry.value);
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await page.goto('/');
  await expectDatasetsLoaded(page, 60_000);
  await expect(page.getByTestId('backend')).toHaveText('WebGPU');
  // The test results (gallery and confusion matrix) open beside the core loop before training starts.
  await openPanel(page, 'Test results');
  const before = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.length);

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('trainer-state')).toHaveText('Training');
  await expect(page.getByTestId('train-loss')).not.toHaveText('—', { timeout: 60_000 });
  const shiftsFrom = await page.evaluate(() => (window as unknown as { shifts: number[] }).shifts.length);
  const firstLoss = Number(await text(page, 'train-loss'));
  const chart = page.getByTestId('loss-chart');
  await expect
    .poll(async () => Number(await chart.getAttribute('data-points')), { timeout: 120_000 })
    .toBeGreaterThanOrEqual(6);
  const laterLoss = Number(await text(page, 'train-loss'));
  expect(laterLoss).toBeLessThan(firstLoss * 0.5);
  // The curve is drawn, and pointing at it reads the values at the nearest step.
  await expect(chart.locator('path.step-curves-train').last()).toHaveAttribute(
    'd',
    /^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){5,}/,
  );
  const box = (await chart.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2);
  await expect(chart.getByTestId('curve-readout')).toHaveText(/^Step \d+train \d+\.\d{3}smoothed \d+\.\d{3}/);
  await page.mouse.move(0, 0);
  await expect(chart.getByTestId('curve-readout')).toHaveCount(0);

  // No layout shift while training: later reports only change numbers and the curves.
  const shifts = await page.evaluate(
    (from) => (window as unknown as { shifts: number[] }).shifts.slice(from),
    shiftsFrom,
  );
  expect(
    shifts.reduce((a, b) => a + b, 0),
    `layout shifts: ${shifts.join(', ')}`,
  ).toBeLessThan(0.01);

  const longTasks = await page.evaluate(
    (from) => (window as unknown as { longTasks: number[] }).longTasks.slice(from),
    before,
  );
  test.info().annotations.push({
    type: 'long tasks while training (ms)',
    description: longTasks.join(', ') || 'none',
  });
  // The page answers while training: a click on the theme toggle, and one on the gallery's filter, show
  // their effect within 60 frames (clickToFrameMs rejects otherwise).
  const themeMs = await clickToFrameMs(
    page,
    () => page.getByRole('button', { name: 'Dark theme' }).click(),
    'html[data-theme="dark"]',
  );
  const filterMs = await clickToFrameMs(
    page,
    () => page.getByLabel('Show mistakes only').check(),
    '.gallery-filters input:checked',
  );
  await page.getByLabel('Show mistakes only').uncheck();
  test.info().annotations.push({
    type: 'click to frame while training (ms)',
    description: `theme ${themeMs.toFixed(0)}, filter ${filterMs.toFixed(0)}`,
  });
  await expect(page.getByTestId('trainer-state')).toHaveText('Training');

  // Enough steps for LeNet-5 (Adam, batch 64) to be well past 90% on the test set, whatever the speed.
  await expect
    .poll(async () => Number(await text(page, 'step')), { timeout: 120_000 })
    .toBeGreaterThanOrEqual(300);
  // Test loss and accuracy came as curves while training, from the test sample, long before the first
  // epoch's full evaluation (issue 16: the first test accuracy used to arrive after an epoch, as one dot).
  for (const chart of ['loss-chart', 'accuracy-chart']) {
    expect(Number(await page.getByTestId(chart).getAttribute('data-test-points'))).toBeGreaterThanOrEqual(2);
  }
  await expect(page.getByTestId('test-source')).toHaveText(/^Test: a 512-image sample, step \d+$/);
  await expect(page.getByTestId('test-accuracy')).toHaveText(/^\d+\.\d%$/);
  await expect(page.getByTestId('test-loss')).toHaveText(/^\d+\.\d{3}$/);
  await expect(page.getByTestId('epoch')).toHaveText('1 / 5');
  // Space pauses (focus is on no control).
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Space');
  await expect(page.getByTestId('trainer-state')).toHaveText('Paused');
  // Step takes exactly one optimizer step and stays paused. (The count shown at a pause is that of the
  // last report, so the first step sets the baseline.)
  const stepButton = page.getByRole('button', { name: 'Step', exact: true });
  const shown = await text(page, 'step');
  await stepButton.click();
  await expect(page.getByTestId('step')).not.toHaveText(shown);
  const steps = Number(await text(page, 'step'));
  await stepButton.click();
  await expect(page.getByTestId('step')).toHaveText(String(steps + 1));
  await expect(page.getByTestId('trainer-state')).toHaveText('Paused');

  await page.getByRole('button', { name: 'Evaluate' }).click();
  await expect(page.getByTestId('test-source')).toHaveText(/^Test: all 10,000 test images/, {
    timeout: 60_000,
  });
  const accuracy = parseFloat(await text(page, 'test-accuracy'));
  expect(accuracy).toBeGreaterThan(90);

  // The gallery shows test predictions; the mistakes filter and a confusion cell narrow it down.
  const items = page.getByTestId('gallery-item');
  await expect(items.first()).toBeVisible();
  const all = await items.count();
  await page.getByLabel('Show mistakes only').check();
  expect(await items.count()).toBeLessThan(all);
  await expect(page.locator('[data-testid="gallery-item"]:not(.mistake)')).toHaveCount(0);
  await page.getByLabel('Show mistakes only').uncheck();
  await page.getByRole('button', { name: /^\d+ images of 3 predicted as 3$/ }).click();
  await expect(items.first()).toBeVisible();
  await expect(items).toHaveCount(await page.getByRole('img', { name: /true 3, predicted 3$/ }).count());

  // Draw a "1": probabilities appear while drawing, the largest for 1.
  await drawStroke(page, [
    [0.5, 0.15],
    [0.5, 0.5],
    [0.5, 0.85],
  ]);
  const bars = page.getByRole('list', { name: 'Class probabilities' }).getByRole('listitem');
  await expect(bars).toHaveCount(10);
  await expect(page.locator('.prob-bars li.top')).toHaveAttribute('aria-label', /^1: /);
});
