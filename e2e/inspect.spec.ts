import { expect, test } from '@playwright/test';
import { change, drawStroke, expectDatasetsLoaded, openPanel, pixels, SHOTS, std, stepCount } from './app';

// The inspect views on a LeNet-5 trained briefly through the UI (about 120 steps: SwiftShader is a CPU).
// Everything is checked from canvas pixels (getImageData), not by eye; screenshots of each view (with
// SCREENSHOTS_DIR set) go to inspect-*.png.
test.setTimeout(300_000);

test('inspect views of a training LeNet-5: filters, feature maps, replay, saliency and the Conv2d explanation', async ({
  page,
}) => {
  await page.goto('/');
  await expectDatasetsLoaded(page);
  await openPanel(page, 'Inside the network');
  const panel = page.getByRole('region', { name: 'Inside the network' });
  const tab = (name: string) => panel.getByRole('tab', { name });

  // Filters before training: non-blank (the initial random weights).
  const conv1 = panel.getByTestId('filters-0');
  const conv2 = panel.getByTestId('filters-3');
  await expect(conv1).toBeVisible();
  await expect(conv2).toBeVisible();
  const filters0 = [await pixels(conv1), await pixels(conv2)];
  expect(std(filters0[0])).toBeGreaterThan(10);
  expect(std(filters0[1])).toBeGreaterThan(10);

  // Feature maps before training, for the first test image.
  await tab('Feature maps').click();
  const firstMap = panel.getByTestId('maps-0').getByRole('img').first();
  await expect(firstMap).toBeVisible();
  const pooled = panel.getByTestId('maps-5').getByRole('img').first();
  const maps0 = [await pixels(firstMap), await pixels(pooled)];
  expect(std(maps0[0])).toBeGreaterThan(5);
  await expect(panel.getByTestId('bars-11')).toBeVisible();

  // Train; the feature maps change live while training runs.
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('trainer-state')).toHaveText('Training');
  // The panel fetches only while on screen, as it is: the Train button stands beside it.
  await expect.poll(() => stepCount(page), { timeout: 120_000 }).toBeGreaterThanOrEqual(40);
  await expect
    .poll(async () => change(await pixels(firstMap), maps0[0]), { timeout: 30_000 })
    .toBeGreaterThan(1);

  // Filters change live too.
  await tab('Filters').click();
  await expect
    .poll(async () => change(await pixels(conv1), filters0[0]), { timeout: 30_000 })
    .toBeGreaterThan(1);
  await expect.poll(() => stepCount(page), { timeout: 120_000 }).toBeGreaterThanOrEqual(100);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByTestId('trainer-state')).toHaveText('Paused');

  // Per-layer cost in the model summary: memory per layer, and GPU time measured on demand.
  await openPanel(page, 'Summary');
  const summary = page.locator('table.summary');
  await summary.getByRole('button', { name: 'Measure GPU time' }).click();
  await expect(summary.getByTestId('layer-time-0')).toContainText(' ms', { timeout: 60_000 });
  await expect(summary.getByTestId('layer-time-3')).toContainText(' ms');
  await summary.screenshot({ path: `${SHOTS}/inspect-cost.png` });

  // After training: filters and maps differ clearly from the start, and are not blank.
  await openPanel(page, 'Inside the network');
  await expect.poll(async () => change(await pixels(conv1), filters0[0])).toBeGreaterThan(3);
  const trained1 = await pixels(conv1);
  expect(std(trained1)).toBeGreaterThan(10);
  await panel.screenshot({ path: `${SHOTS}/inspect-filters.png` });

  // Replay: the first snapshot (step 0) shows the initial filters, the newest shows the trained ones.
  const slider = panel.getByRole('slider', { name: 'Training time' });
  await expect
    .poll(async () => Number(await slider.getAttribute('max')), { timeout: 10_000 })
    .toBeGreaterThan(20);
  await slider.fill('0');
  await expect(panel.getByTestId('replay-position')).toHaveText('step 0');
  await expect.poll(async () => change(await pixels(conv1), filters0[0])).toBeLessThan(0.5);
  const atStart = await pixels(conv1);
  const last = Number(await slider.getAttribute('max')) - 1;
  await slider.fill(String(last));
  await expect(panel.getByTestId('replay-position')).toContainText('step');
  await expect.poll(async () => change(await pixels(conv1), atStart)).toBeGreaterThan(3);
  await slider.fill('10');
  await expect(panel.getByTestId('replay-position')).toHaveText('step 10');
  await expect.poll(async () => change(await pixels(conv1), atStart)).toBeGreaterThan(0.2);
  await panel.screenshot({ path: `${SHOTS}/inspect-replay.png` });

  // Feature maps follow the slider as well (a frame's maps are computed on the CPU from the stored weights);
  // back to live afterwards.
  await tab('Feature maps').click();
  const position = panel.getByTestId('replay-position');
  const settled = async () => {
    let previous = await pixels(firstMap);
    for (let i = 0; i < 30; i++) {
      await page.waitForTimeout(300);
      const now = await pixels(firstMap);
      if (change(now, previous) === 0) return now;
      previous = now;
    }
    throw new Error('the feature map kept changing while paused');
  };
  await slider.fill('0');
  await expect(position).toHaveText('step 0');
  const frame0 = await settled();
  // The CPU recomputation at the step-0 weights draws what the live WebGPU model drew before training.
  expect(change(frame0, maps0[0])).toBeLessThan(0.5);
  await slider.fill(String(last));
  await expect(position).not.toHaveText('step 0');
  await expect.poll(async () => change(await pixels(firstMap), frame0)).toBeGreaterThan(1);
  await slider.fill((await slider.getAttribute('max')) ?? '0');
  await expect(position).toHaveText('live');
  await expect.poll(async () => change(await pixels(firstMap), frame0)).toBeGreaterThan(1);
  // Click a map to enlarge it with its value range.
  await panel.getByTestId('maps-3').getByRole('button').first().click();
  await expect(panel.getByTestId('enlarged-map')).toBeVisible();
  const lo = Number(await panel.getByTestId('map-min').textContent());
  const hi = Number(await panel.getByTestId('map-max').textContent());
  expect(hi).toBeGreaterThan(lo);
  expect(std(await pixels(panel.getByTestId('enlarged-map')))).toBeGreaterThan(5);
  await panel.screenshot({ path: `${SHOTS}/inspect-feature-maps.png` });

  // Saliency of a drawn "1": the gradient concentrates on the stroke.
  await drawStroke(
    page,
    [
      [0.5, 0.15],
      [0.5, 0.85],
    ],
    12,
  );
  await panel.scrollIntoViewIfNeeded();
  await tab('Saliency').click();
  await panel.getByRole('radio', { name: 'Drawn digit' }).check();
  const input = panel.getByTestId('saliency-input');
  const map = panel.getByTestId('saliency-map');
  await expect(map).toBeVisible();
  await expect.poll(async () => Math.max(...(await pixels(input)))).toBeGreaterThan(200);
  const ink = await pixels(input);
  const heat = await pixels(map);
  const on = heat.filter((_, i) => ink[i] > 128);
  const off = heat.filter((_, i) => ink[i] <= 128);
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  expect(on.length).toBeGreaterThan(20);
  expect(mean(on)).toBeGreaterThan(2 * mean(off));
  test.info().annotations.push({
    type: 'saliency on / off stroke',
    description: `${mean(on).toFixed(1)} / ${mean(off).toFixed(1)}`,
  });
  await panel.screenshot({ path: `${SHOTS}/inspect-saliency.png` });

  // The Conv2d explanation: the formula as MathML, and an animation that advances.
  await tab('Explain a layer').click();
  await expect(panel.getByLabel('Layer to explain')).toHaveValue('0');
  const formula = panel.getByTestId('formula').locator('math').first();
  await expect(formula).toBeVisible();
  await expect(formula).toHaveAttribute(
    'aria-label',
    /^y\(i, j\) = b \+ Σ_\{m = 0\}\^4 Σ_\{n = 0\}\^4 w\(m, n\) · x\(i \+ m − 2, j \+ n − 2\)$/,
  );
  expect(await formula.evaluate((el) => el.namespaceURI)).toBe('http://www.w3.org/1998/Math/MathML');
  const frame = panel.getByTestId('explain-frame');
  const first = await frame.textContent();
  await expect.poll(() => frame.textContent()).not.toBe(first);
  const inputCanvas = panel.getByTestId('animation-input');
  const before = await pixels(inputCanvas);
  await expect.poll(async () => change(await pixels(inputCanvas), before)).toBeGreaterThan(0);
  // Stride 2 halves the output.
  await panel.getByRole('spinbutton', { name: 'Stride' }).fill('2');
  await expect(frame).toContainText('of 14×14');
  await panel.getByRole('button', { name: 'Pause animation' }).click();
  await panel.screenshot({ path: `${SHOTS}/inspect-explain.png` });
});

// A browser launched without the WebGPU flags: the worker falls back to the CPU backend.
test('without WebGPU, filters, feature maps and saliency come from the CPU backend; GPU time is not offered', async ({
  playwright,
  baseURL,
}) => {
  const browser = await playwright.chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const page = await browser.newPage({ baseURL, viewport: { width: 1280, height: 720 } });
  await page.goto('/');
  await expectDatasetsLoaded(page);
  await expect(page.getByTestId('backend')).not.toHaveText('WebGPU');
  await openPanel(page, 'Inside the network');
  const panel = page.getByRole('region', { name: 'Inside the network' });
  expect(std(await pixels(panel.getByTestId('filters-0')))).toBeGreaterThan(10);
  await panel.getByRole('tab', { name: 'Feature maps' }).click();
  const map = panel.getByTestId('maps-0').getByRole('img').first();
  await expect(map).toBeVisible();
  expect(std(await pixels(map))).toBeGreaterThan(5);
  await panel.getByRole('tab', { name: 'Saliency' }).click();
  await expect(panel.getByTestId('saliency-map')).toBeVisible();
  expect(std(await pixels(panel.getByTestId('saliency-map')))).toBeGreaterThan(5);
  await openPanel(page, 'Summary');
  await expect(page.getByRole('button', { name: 'Measure GPU time' })).toBeDisabled();
  await browser.close();
});
