import { expect, test, type Locator, type Page } from '@playwright/test';
import { readSafetensors } from '../src/network/export/safetensors';
import { readZip } from '../src/network/project/zip-read';
import {
  cards,
  change,
  downloadOf,
  expectDatasetsLoaded,
  notice,
  openPanel,
  pixels,
  SHOTS,
  std,
} from './app';

// The generate panel through the UI on SwiftShader, short runs: the conv autoencoder trains, shows
// reconstructions and decodes a clicked latent point; the DCGAN's two networks swap in the builder as
// tabs and its sample grid renders and changes with training. Checked from canvas pixels; screenshots (with
// SCREENSHOTS_DIR set) go to generate-*.png.
test.setTimeout(300_000);

const stepOf = async (panel: Locator) =>
  Number(/step (\d+)/.exec((await panel.getByTestId('generate-state').textContent()) ?? '')?.[1] ?? '0');

async function open(page: Page): Promise<Locator> {
  await page.goto('/');
  await expectDatasetsLoaded(page);
  await openPanel(page, 'Generate images');
  return page.getByRole('region', { name: 'Generate images' });
}

test('autoencoder: trains, shows reconstructions, and a latent-space click decodes an image', async ({
  page,
}) => {
  const panel = await open(page);
  await panel.getByRole('button', { name: 'Autoencoder' }).click();
  // The builder now holds the autoencoder preset, bottleneck included.
  await expect(cards(page).and(page.locator('[data-layer-id="bottleneck"]'))).toHaveCount(1);
  await panel.getByLabel('Batch size').fill('16');
  await panel.getByLabel('Learning rate').fill('0.003');
  await panel.getByRole('button', { name: 'Train autoencoder' }).click();
  const reconstructions = panel.getByTestId('reconstructions');
  await expect(reconstructions).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => stepOf(panel), { timeout: 120_000 }).toBeGreaterThanOrEqual(40);
  await expect(panel.getByTestId('Reconstruction loss-chart')).not.toHaveAttribute('data-points', '0');
  await panel.getByRole('button', { name: 'Pause generation' }).click();
  expect(std(await pixels(panel.getByTestId('originals')))).toBeGreaterThan(20);
  expect(std(await pixels(reconstructions))).toBeGreaterThan(5);

  const plot = panel.getByTestId('latent-plot');
  await expect(plot).toBeVisible();
  expect(std(await pixels(plot))).toBeGreaterThan(5);
  await plot.click({ position: { x: 104, y: 156 } });
  const decoded = panel.getByTestId('decoded');
  await expect(decoded).toBeVisible();
  await expect.poll(async () => std(await pixels(decoded)), { timeout: 30_000 }).toBeGreaterThan(5);
  await expect(panel.getByText(/Decoded from \(/)).toBeVisible();
  // The judge's digit score of the reconstructions, with its histogram and chart.
  await expect(panel.getByTestId('digit-score')).toContainText(
    /Digit score: \d+% of 256 test reconstructions/,
  );
  await expect(panel.getByRole('img', { name: /Digits the judge sees/ })).toBeVisible();
  await expect(panel.getByTestId('Digit score-chart')).not.toHaveAttribute('data-points', '0');
  await panel.screenshot({ path: `${SHOTS}/generate-autoencoder.png` });
});

/** The share of test reconstructions the digit-score line says the judge recognises (0 before any). */
async function recognisedOf(panel: Locator): Promise<number> {
  const text = (await panel.getByTestId('digit-score').textContent()) ?? '';
  return Number(/Digit score: (\d+)%/.exec(text)?.[1] ?? 0);
}

test('sharp autoencoder and VAE: the 16-number code loads, trains and is scored by the judge; the VAE maps its 2-value code; the trained ones load', async ({
  page,
}) => {
  const panel = await open(page);
  await panel.getByRole('button', { name: 'Autoencoder' }).click();
  await panel.getByRole('button', { name: '16-number code (sharp digits)' }).click();
  await expect(panel.getByRole('button', { name: '16-number code (sharp digits)' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(panel.getByLabel('Learning rate')).toHaveValue('0.003');
  await panel.getByLabel('Batch size').fill('16');
  await panel.getByRole('button', { name: 'Train autoencoder' }).click();
  await expect.poll(() => stepOf(panel), { timeout: 120_000 }).toBeGreaterThanOrEqual(20);
  await panel.getByRole('button', { name: 'Pause generation' }).click();
  await expect(panel.getByText('(this code has 16)', { exact: false })).toBeVisible();
  await expect(panel.getByTestId('digit-score')).toContainText(/Digit score: \d+%/);
  // The one the engine trained for 500 steps: the judge recognises about nine reconstructions in ten.
  await panel.getByRole('button', { name: 'Load this autoencoder trained for 500 steps' }).click();
  await expect(panel.getByTestId('trained-autoencoder-note')).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => recognisedOf(panel), { timeout: 60_000 }).toBeGreaterThan(80);
  // The README's picture: test digits over their reconstructions (the panel scrolls, so one figure).
  const pairs = panel.locator('figure').filter({ has: page.getByTestId('reconstructions') });
  await pairs.screenshot({ path: `${SHOTS}/generate-autoencoder-sharp.png` });

  // The variational autoencoder on the same page: its 2-value code (the sampling step's output) is the
  // latent map, and a clicked point decodes.
  const vae = panel.getByRole('button', { name: /^Variational, 2-number code/ });
  await vae.click();
  await expect(vae).toHaveAttribute('aria-pressed', 'true');
  await expect(cards(page).and(page.locator('[data-layer-id="code"]'))).toHaveCount(1);
  await panel.getByLabel('Batch size').fill('16');
  await panel.getByRole('button', { name: 'Train autoencoder' }).click();
  await expect.poll(() => stepOf(panel), { timeout: 120_000 }).toBeGreaterThanOrEqual(20);
  await panel.getByRole('button', { name: 'Pause generation' }).click();
  const plot = panel.getByTestId('latent-plot');
  await expect(plot).toBeVisible();
  expect(std(await pixels(plot))).toBeGreaterThan(5);
  await plot.click({ position: { x: 104, y: 156 } });
  await expect
    .poll(async () => std(await pixels(panel.getByTestId('decoded'))), { timeout: 30_000 })
    .toBeGreaterThan(5);
  // Beside the map, its atlas: the plane decoded over a 10×10 grid at the prior's quantiles, which the judge reads.
  const atlas = panel.getByTestId('latent-atlas');
  await expect(atlas).toContainText(
    "10×10 grid at the standard normal's quantiles 5% … 95% (the codes' prior): x from -1.6 to 1.6 left to right, y from 1.6 to -1.6",
  );
  expect(std(await pixels(panel.getByTestId('latent-atlas-grid')))).toBeGreaterThan(5);
  // The VAE the engine trained for 3,000 steps: its map decodes to all ten digits.
  await panel.getByRole('button', { name: 'Load this autoencoder trained for 3,000 steps' }).click();
  await expect(panel.getByTestId('trained-autoencoder-note')).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => recognisedOf(panel), { timeout: 60_000 }).toBeGreaterThan(40);
  await expect(atlas).toContainText('step 0');
  await expect(panel.getByTestId('latent-atlas-digits')).toHaveText(
    'The judge sees all ten digits in this grid.',
  );
  await plot.click({ position: { x: 104, y: 156 } });
  await expect
    .poll(async () => std(await pixels(panel.getByTestId('decoded'))), { timeout: 30_000 })
    .toBeGreaterThan(5);
  await shotOf(page, `${SHOTS}/generate-vae.png`, [panel.locator('.latent')]);
});

test('GAN: generator and discriminator as builder tabs; the sample grid renders and changes with training', async ({
  page,
}) => {
  const panel = await open(page);
  await panel.getByRole('button', { name: 'GAN' }).click();
  const layers = cards(page);
  await expect(layers.filter({ hasText: 'Tanh' })).toHaveCount(1);
  await panel.getByRole('tab', { name: 'Discriminator' }).click();
  await expect(panel.getByRole('tab', { name: 'Discriminator' })).toHaveAttribute('aria-selected', 'true');
  await expect(layers.filter({ hasText: 'Tanh' })).toHaveCount(0);
  await expect(layers.filter({ hasText: 'LeakyReLU' })).toHaveCount(3);
  await panel.getByRole('tab', { name: 'Generator' }).click();
  await expect(layers.filter({ hasText: 'Tanh' })).toHaveCount(1);

  await panel.getByLabel('Batch size').fill('4');
  await panel.getByLabel('Learning rate').fill('0.002');
  await panel.getByRole('button', { name: 'Train GAN' }).click();
  const samples = panel.getByTestId('samples');
  await expect(samples).toBeVisible({ timeout: 60_000 });
  const first = await pixels(samples);
  expect(std(first)).toBeGreaterThan(1);
  await expect.poll(() => stepOf(panel), { timeout: 180_000 }).toBeGreaterThanOrEqual(10);
  await expect(panel.getByTestId('gan-figures')).toContainText('D(G(z))');
  await expect(panel.getByTestId('digit-score')).toContainText(/Digit score: \d+\.\d\d of 10/);
  await panel.getByRole('button', { name: 'Pause generation' }).click();
  await expect.poll(async () => change(await pixels(samples), first), { timeout: 30_000 }).toBeGreaterThan(2);
  await panel.getByRole('slider').fill('30');
  const interpolated = panel.getByTestId('interpolated');
  await expect(interpolated).toBeVisible({ timeout: 30_000 });
  expect(std(await pixels(interpolated))).toBeGreaterThan(1);
  await panel.screenshot({ path: `${SHOTS}/generate-gan-training.png` });

  // The conditional DCGAN on the same page: its discriminator reads the image with 10 digit planes; the
  // grid has a row per digit, and picking a digit redraws the generator's images of that digit.
  const conditional = panel.getByRole('button', { name: 'Conditional DCGAN (pick a digit)' });
  await conditional.click();
  await expect(conditional).toHaveAttribute('aria-pressed', 'true');
  await expect(panel.getByRole('button', { name: /Load a GAN trained for/ })).toHaveCount(0);
  await panel.getByLabel('Batch size').fill('4');
  await panel.getByRole('button', { name: 'Train GAN' }).click();
  await expect.poll(() => stepOf(panel), { timeout: 180_000 }).toBeGreaterThanOrEqual(5);
  await panel.getByRole('button', { name: 'Pause generation' }).click();
  await expect(panel.getByText(/One row per digit/)).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByTestId('requested-recognised')).toContainText(/requested digit recognised: \d+%/, {
    timeout: 30_000,
  });
  const picked = panel.getByTestId('digit-samples');
  await expect(picked).toBeVisible({ timeout: 30_000 });
  const zeros = await pixels(picked);
  const pick = panel.getByRole('group', { name: 'Pick a digit' });
  await pick.getByRole('button', { name: '7', exact: true }).click();
  await expect(pick.getByRole('button', { name: '7', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(panel.getByText('The generator asked for a 7', { exact: false })).toBeVisible();
  await expect
    .poll(async () => change(await pixels(picked), zeros), { timeout: 30_000 })
    .toBeGreaterThan(0.5);
  await picked.screenshot({ path: `${SHOTS}/generate-cgan-digit.png` });
  await samples.screenshot({ path: `${SHOTS}/generate-cgan-grid.png` });
});

const VIEWPORT = { width: 1280, height: 720 };

/**
 * One screenshot of the page around these parts of the panel, on a taller page for the time of it (the
 * panel's dock scrolls and clips at the usual height).
 */
async function shotOf(page: Page, path: string, parts: Locator[]): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 1600 });
  await parts.at(-1)!.scrollIntoViewIfNeeded();
  const boxes = await Promise.all(parts.map((part) => part.boundingBox()));
  const [x, y] = [Math.min(...boxes.map((b) => b!.x)), Math.min(...boxes.map((b) => b!.y))];
  const right = Math.max(...boxes.map((b) => b!.x + b!.width));
  const bottom = Math.max(...boxes.map((b) => b!.y + b!.height));
  await page.screenshot({ path, clip: { x, y, width: right - x, height: bottom - y } });
  await page.setViewportSize(VIEWPORT);
}

/** The inception score the digit-score line shows and the step it was taken at (0, 0 before any). */
async function digitScoreOf(panel: Locator): Promise<{ score: number; step: number }> {
  const text = (await panel.getByTestId('digit-score').textContent()) ?? '';
  return {
    score: Number(/Digit score: ([\d.]+)/.exec(text)?.[1] ?? 0),
    step: Number(/step (\d+)\./.exec(text)?.[1] ?? 0),
  };
}

test('GAN: the DCGAN the engine trained loads at once, draws digits and keeps training', async ({ page }) => {
  const panel = await open(page);
  await panel.getByRole('button', { name: 'GAN' }).click();
  await panel.getByRole('button', { name: /Load a GAN trained for 7,000 steps/ }).click();
  await expect(panel.getByTestId('trained-gan-note')).toBeVisible({ timeout: 60_000 });
  // The judge sees digits, not noise: its inception score of 256 samples is far above 1.
  await expect.poll(async () => (await digitScoreOf(panel)).score, { timeout: 60_000 }).toBeGreaterThan(3);
  expect(std(await pixels(panel.getByTestId('samples')))).toBeGreaterThan(20);
  await shotOf(page, `${SHOTS}/generate-gan.png`, [
    panel.locator('figure').filter({ has: page.getByTestId('samples') }),
    panel.getByTestId('digit-score'),
    panel.getByRole('img', { name: /Digits the judge sees/ }),
  ]);
  await panel.getByLabel('Batch size').fill('4');
  await panel.getByRole('button', { name: 'Train GAN' }).click();
  await expect.poll(() => stepOf(panel), { timeout: 120_000 }).toBeGreaterThanOrEqual(10);
  await panel.getByRole('button', { name: 'Pause generation' }).click();
  // It went on from the trained weights, not from the seed's: a later score still sees digits.
  await expect.poll(async () => (await digitScoreOf(panel)).step, { timeout: 60_000 }).toBeGreaterThan(0);
  expect((await digitScoreOf(panel)).score).toBeGreaterThan(2);
});

/** The share of samples in which the judge sees the digit asked for (0 before any). */
async function requestedOf(panel: Locator): Promise<number> {
  const text = (await panel.getByTestId('requested-recognised').textContent()) ?? '';
  return Number(/(\d+)%/.exec(text)?.[1] ?? 0);
}

test('GAN: the conditional DCGAN from the Preset menu starts at its own learning rate; the one the engine trained draws the digit picked', async ({
  page,
}) => {
  const panel = await open(page);
  await panel.getByRole('button', { name: 'GAN' }).click();
  // The plain pair is in the builder, at a rate typed by hand; the Preset menu then swaps in the
  // conditional one, whose own Adam 1e-3 the panel takes up (it kept the plain pair's rate before).
  await panel.getByLabel('Learning rate').fill('0.0005');
  await expect(panel.getByLabel('Learning rate')).toHaveValue('0.0005');
  await page.getByRole('combobox', { name: 'Preset' }).selectOption({ label: 'Conditional DCGAN generator' });
  await page.getByRole('button', { name: 'Load preset' }).click();
  const conditional = panel.getByRole('button', { name: 'Conditional DCGAN (pick a digit)' });
  await expect(conditional).toHaveAttribute('aria-pressed', 'true');
  await expect(panel.getByLabel('Learning rate')).toHaveValue('0.001');

  await panel.getByRole('button', { name: 'Load a conditional GAN trained for 1,500 steps' }).click();
  await expect(panel.getByTestId('trained-gan-note')).toBeVisible({ timeout: 60_000 });
  await expect(panel.getByText(/One row per digit/)).toBeVisible({ timeout: 60_000 });
  // Strokes on black, not the grey of an untrained generator.
  await expect
    .poll(async () => std(await pixels(panel.getByTestId('samples'))), { timeout: 30_000 })
    .toBeGreaterThan(12);
  // The judge sees the digit asked for in most of the 256 samples (90.8% of 1,000 when it was saved).
  await expect.poll(() => requestedOf(panel), { timeout: 60_000 }).toBeGreaterThan(80);
  const pick = panel.getByRole('group', { name: 'Pick a digit' });
  await pick.getByRole('button', { name: '3', exact: true }).click();
  await expect(panel.getByText('The generator asked for a 3', { exact: false })).toBeVisible();
  const picked = panel.getByTestId('digit-samples');
  await expect.poll(async () => std(await pixels(picked)), { timeout: 30_000 }).toBeGreaterThan(20);
  // The pick, the grid and the score together are taller than the panel's dock: open it up for the picture.
  const dock = page.getByRole('tabpanel', { name: 'Generate images' });
  await dock.evaluate((el) => (el.style.height = '75rem'));
  await panel.locator('.digit-pick').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shotOf(page, `${SHOTS}/generate-cgan.png`, [
    panel.locator('.digit-pick'),
    picked,
    panel.locator('figure').filter({ has: page.getByTestId('samples') }),
    panel.getByTestId('digit-score'),
  ]);
  await dock.evaluate((el) => (el.style.height = ''));
});

test('GAN: a reload keeps both networks, with an edit to the discriminator', async ({ page }) => {
  const panel = await open(page);
  await panel.getByRole('button', { name: 'GAN' }).click();
  await panel.getByRole('tab', { name: 'Discriminator' }).click();
  const layers = cards(page);
  // Select the node on the diagram, then its delete button.
  await layers.nth(4).click();
  await page.getByRole('button', { name: 'Delete layer 5 (LeakyReLU)' }).click();
  await expect(layers.filter({ hasText: 'LeakyReLU' })).toHaveCount(2);
  // Autosave is debounced: wait until it holds the edited discriminator beside the generator.
  await page.waitForFunction(() => {
    const saved = localStorage.getItem('cnn-playground/autosave/v2');
    if (saved === null) return false;
    const entry = JSON.parse(saved) as { spec: string; discriminator?: string };
    return (
      JSON.parse(entry.spec).task === 'generator' &&
      entry.discriminator !== undefined &&
      JSON.parse(entry.discriminator).layers.length === 8
    );
  });
  await page.reload();
  await openPanel(page, 'Generate images');
  const again = page.getByRole('region', { name: 'Generate images' });
  await expect(again.getByRole('button', { name: 'GAN', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(again.getByRole('tab', { name: 'Generator' })).toHaveAttribute('aria-selected', 'true');
  await expect(layers.filter({ hasText: 'Tanh' })).toHaveCount(1);
  await again.getByRole('tab', { name: 'Discriminator' }).click();
  await expect(layers.filter({ hasText: 'LeakyReLU' })).toHaveCount(2);
  await expect(layers).toHaveCount(8);
});

async function exportZip(page: Page): Promise<{ name: string; files: { name: string; data: Uint8Array }[] }> {
  const { name, bytes } = await downloadOf(page, 'Export to PyTorch (.zip)');
  const zip = readZip(bytes, { maxEntries: 12, maxNameBytes: 64 });
  if (!zip.ok) throw new Error(zip.error);
  return { name, files: zip.files };
}

test('autoencoder: the trained weights export as a PyTorch zip and load back', async ({ page }) => {
  const panel = await open(page);
  await panel.getByRole('button', { name: 'Autoencoder' }).click();
  await panel.getByLabel('Batch size').fill('8');
  await panel.getByRole('button', { name: 'Train autoencoder' }).click();
  await expect.poll(() => stepOf(panel), { timeout: 120_000 }).toBeGreaterThanOrEqual(5);
  await panel.getByRole('button', { name: 'Pause generation' }).click();
  const zip = await exportZip(page);
  expect(zip.name).toMatch(/-pytorch\.zip$/);
  expect(zip.files.map((f) => f.name)).toEqual([
    'model.py',
    'weights.safetensors',
    'train.py',
    'convert_pt.py',
    'README.txt',
  ]);
  const weights = readSafetensors(zip.files[1].data);
  if (!weights.ok) throw new Error(weights.error);
  // Four convolutions and two Linear layers, each with weight and bias.
  expect(weights.tensors.size).toBe(12);
  expect(new TextDecoder().decode(zip.files[0].data)).toContain('def load_weights(');
  await page.getByLabel('Weights file').setInputFiles({
    name: 'ae.safetensors',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(zip.files[1].data),
  });
  await expect(notice(page, 'Loaded the weights of ae.safetensors')).toBeVisible();
});

test('GAN: Export to PyTorch gives generator/, discriminator/ and one train.py', async ({ page }) => {
  const panel = await open(page);
  await panel.getByRole('button', { name: 'GAN' }).click();
  await panel.getByLabel('Batch size').fill('4');
  await panel.getByRole('button', { name: 'Train GAN' }).click();
  await expect.poll(() => stepOf(panel), { timeout: 180_000 }).toBeGreaterThanOrEqual(5);
  await panel.getByRole('button', { name: 'Pause generation' }).click();
  await panel.getByRole('tab', { name: 'Discriminator' }).click();
  const zip = await exportZip(page);
  const names = zip.files.map((f) => f.name);
  for (const name of [
    'generator/model.py',
    'generator/weights.safetensors',
    'discriminator/model.py',
    'discriminator/weights.safetensors',
    'train.py',
  ])
    expect(names).toContain(name);
});
