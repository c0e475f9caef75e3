import { expect, test, type Locator, type Page } from '@playwright/test';
import { readZip } from '../src/network/project/zip-read';
import { cards, downloadOf, expectDatasetsLoaded, openPanel, SHOTS } from './app';

// Segmentation and detection through the UI on SwiftShader, short runs on 32×32 scenes: a preset loads into
// the builder, training runs, the loss falls and the test figures rise, the test scenes show coloured label
// maps or boxes (truth and prediction), the scene viewer draws scenes, and a drawing on the scene pad gets
// an answer. Checked from canvas pixels; screenshots (with SCREENSHOTS_DIR set) go to dense-*.png.
test.setTimeout(420_000);

const stepOf = async (panel: Locator) =>
  Number(/step (\d+)/.exec((await panel.getByTestId('dense-state').textContent()) ?? '')?.[1] ?? '0');

/** Pixels whose colour is far from grey (an overlay or a box), counted on a canvas. */
async function colourful(canvas: Locator): Promise<number> {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4)
      if (Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 60) n++;
    return n;
  });
}

/** A chart's number of points, and the first and last value of its first line. */
const points = async (panel: Locator, chart: string) =>
  Number(await panel.getByTestId(`dense-${chart}-chart`).getAttribute('data-points'));
const ends = async (panel: Locator, chart: string) => {
  const box = panel.getByTestId(`dense-${chart}-chart`);
  return [Number(await box.getAttribute('data-first')), Number(await box.getAttribute('data-last'))];
};

async function open(page: Page, preset: string): Promise<Locator> {
  await page.goto('/');
  await expectDatasetsLoaded(page);
  await openPanel(page, 'Segmentation and detection');
  const panel = page.getByRole('region', { name: 'Segmentation and detection' });
  await panel.getByRole('button', { name: preset }).click();
  await panel.getByLabel('Scene side').selectOption('32');
  await panel.getByLabel('Digits from').fill('1');
  await panel.getByLabel('Digit size from').fill('14');
  // The second "to" is the digit size's upper bound.
  await panel.getByLabel('to', { exact: true }).nth(0).fill('2');
  await panel.getByLabel('to', { exact: true }).nth(1).fill('22');
  await panel.getByLabel('Batch size').fill('8');
  return panel;
}

/** Draws a vertical stroke on the scene pad (a "1"), which sends it to the network. */
async function drawOne(page: Page, panel: Locator): Promise<void> {
  const pad = panel.getByTestId('scene-pad');
  // Centred, so the panel's sticky bar covers none of it.
  await pad.evaluate((el) => el.scrollIntoView({ block: 'center' }));
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.7, { steps: 8 });
  await page.mouse.up();
}

/** Mean of a figure in the evaluations' summary line (e.g. "mean IoU 0.123"). */
const figure = async (panel: Locator, name: RegExp) =>
  Number(name.exec((await panel.getByTestId('dense-summary').textContent()) ?? '')?.[1] ?? 'NaN');

test('segmentation: the U-Net trains, its figures rise, and label maps render on test scenes and a drawing', async ({
  page,
}) => {
  const panel = await open(page, 'U-Net');
  // The builder holds the U-Net, skips included, without an error at 32×32.
  await expect(cards(page).and(page.locator('[data-layer-id="cat3"]'))).toHaveCount(1);
  await expect(page.locator('[aria-invalid="true"]')).toHaveCount(0);
  await page
    .getByRole('region', { name: 'Network builder' })
    .screenshot({ path: `${SHOTS}/dense-builder.png` });
  await panel.getByRole('button', { name: 'Train segmentation' }).click();
  const previews = panel.getByTestId('dense-previews');
  await expect(previews).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => stepOf(panel), { timeout: 240_000, intervals: [2000] }).toBeGreaterThanOrEqual(60);
  // The network's maps give digits pixels of their own (some runs need more steps than others to start).
  const predicted = previews.getByTestId('dense-predicted');
  const labelled = () =>
    predicted.evaluateAll((els) => els.reduce((a, e) => a + Number(e.getAttribute('data-labelled')), 0));
  await expect.poll(labelled, { timeout: 180_000, intervals: [2000] }).toBeGreaterThan(50);
  await panel.getByRole('button', { name: 'Pause segmentation' }).click();
  await expect(panel.getByTestId('dense-state')).toContainText('paused');
  await expect.poll(() => points(panel, 'test figures')).toBeGreaterThanOrEqual(2);
  expect(await points(panel, 'loss')).toBeGreaterThanOrEqual(5);
  const [firstLoss, lastLoss] = await ends(panel, 'loss');
  expect(lastLoss).toBeLessThan(firstLoss);
  const [firstIoU, lastIoU] = await ends(panel, 'test figures');
  expect(lastIoU).toBeGreaterThan(firstIoU);
  expect(await figure(panel, /pixel accuracy ([\d.]+)%/)).toBeGreaterThan(80);
  // Truth: each digit's ink in its colour; prediction: the network's map over the same scene.
  const truth = previews.getByTestId('dense-truth');
  await expect(truth).toHaveCount(6);
  expect(await colourful(truth.first())).toBeGreaterThan(50);
  // The maps of the weights paused at are drawn in the digits' colours.
  await expect(predicted).toHaveCount(6);
  expect(await labelled()).toBeGreaterThan(0);
  let painted = 0;
  for (const canvas of await predicted.all()) painted += await colourful(canvas);
  expect(painted).toBeGreaterThan(0);
  // The key says which colour is which digit.
  await expect(panel.getByTestId('colour-key')).toContainText('0123456789');

  await panel.getByRole('button', { name: 'Show scenes' }).click();
  const viewer = panel.getByTestId('scene-viewer');
  await expect(viewer.locator('canvas')).toHaveCount(8);
  expect(await colourful(viewer.locator('canvas').first())).toBeGreaterThan(50);

  await drawOne(page, panel);
  // A stroke draws; it selects no text on the page.
  expect(await page.evaluate(() => getSelection()?.toString())).toBe('');
  await expect(panel.getByTestId('scene-pad-answer')).toBeVisible({ timeout: 30_000 });
  // The answer in words too: the digits the map gives pixels to.
  await expect(panel.getByTestId('scene-pad-text')).toHaveText(
    /^(Labelled as (\d \(\d+% of the non-background pixels\)(, )?)+\.|Every pixel labelled background: nothing found\.)$/,
  );
  await panel.screenshot({ path: `${SHOTS}/dense-segmentation.png` });

  // Inside: the U-Net's feature maps for a test scene, and what its loss and upsampling do.
  await panel.getByText('Inside the network: feature maps, the loss and upsampling').click();
  await expect(panel.getByTestId('dense-explain')).toContainText('Per-pixel cross-entropy');
  await expect(panel.getByTestId('dense-explain')).toContainText('ConvTranspose2d');
  await panel.getByRole('button', { name: 'Show feature maps' }).click();
  await expect(panel.getByTestId('maps-0').locator('canvas')).toHaveCount(8);

  // The trained U-Net leaves as a project (with its weights) and as PyTorch code for the same scenes.
  const project = await downloadOf(page, 'Export project');
  const files = readZip(project.bytes, { maxEntries: 2, maxNameBytes: 64 });
  if (!files.ok) throw new Error(files.error);
  const saved = JSON.parse(new TextDecoder().decode(files.files[0].data)) as { spec: { scene: unknown } };
  expect(saved.spec.scene).toEqual({
    minDigits: 1,
    maxDigits: 2,
    minScale: 14,
    maxScale: 22,
    clutter: 0,
    noise: 0,
  });
  expect(files.files.map((f) => f.name)).toEqual(['project.json', 'weights.safetensors']);
  const zip = await downloadOf(page, 'Export to PyTorch (.zip)');
  const bundle = readZip(zip.bytes, { maxEntries: 8, maxNameBytes: 64 });
  if (!bundle.ok) throw new Error(bundle.error);
  expect(bundle.files.map((f) => f.name)).toContain('train.py');
  const model = new TextDecoder().decode(bundle.files[0].data);
  expect(model).toContain(
    "SCENE = {'side': 32, 'min_digits': 1, 'max_digits': 2, 'min_scale': 14, 'max_scale': 22",
  );
  expect(model).toContain('def render_scene(');
  expect(bundle.files[1].data).toEqual(files.files[1].data);
});

test('detection: the CenterNet detector trains, its loss falls and mAP is measured, and boxes render', async ({
  page,
}) => {
  const panel = await open(page, 'CenterNet detector');
  await panel.getByRole('button', { name: 'Train detector' }).click();
  const previews = panel.getByTestId('dense-previews');
  await expect(previews).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => stepOf(panel), { timeout: 240_000, intervals: [2000] }).toBeGreaterThanOrEqual(80);
  // The mAP at about 80 steps can still be 0 (no box above the score floor): training goes on until a test
  // evaluation measures it above the first.
  await expect
    .poll(
      async () => {
        const [firstMap, lastMap] = await ends(panel, 'test figures');
        return (await points(panel, 'test figures')) >= 2 && lastMap > firstMap;
      },
      { timeout: 240_000, intervals: [2000] },
    )
    .toBe(true);
  await panel.getByRole('button', { name: 'Pause detection' }).click();
  await expect(panel.getByTestId('dense-state')).toContainText('paused');
  const [firstLoss, lastLoss] = await ends(panel, 'loss');
  expect(lastLoss).toBeLessThan(firstLoss / 2);
  const truth = previews.getByTestId('dense-truth').first();
  expect(Number(await truth.getAttribute('data-boxes'))).toBeGreaterThan(0);
  expect(await colourful(truth)).toBeGreaterThan(20);
  // After about 80 steps some test scenes already get boxes above the score floor (not always the first).
  await expect
    .poll(async () => {
      const counts = await previews
        .getByTestId('dense-predicted')
        .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-boxes'))));
      return counts.reduce((a, b) => a + b, 0);
    })
    .toBeGreaterThan(0);
  // A drawing gets its boxes (or says none scores enough) beside the pad.
  await drawOne(page, panel);
  await expect(panel.getByTestId('scene-pad-answer')).toBeVisible({ timeout: 30_000 });
  await expect(panel.getByTestId('scene-pad-text')).toHaveText(
    /^(Found (\d \(score \d\.\d\d\)(, )?)+\.|No box scores at least 0\.30\.)$/,
  );
  await panel.screenshot({ path: `${SHOTS}/dense-detection.png` });
});

/** The autosaved design: its task and dataset, and whether a GAN's second network came with it. */
const autosaved = (page: Page) =>
  page.evaluate(() => {
    const saved = JSON.parse(localStorage.getItem('cnn-playground/autosave/v2') ?? '{}') as {
      spec?: string;
      discriminator?: string;
    };
    const spec = JSON.parse(saved.spec ?? '{}') as { task?: string; input?: { dataset?: string } };
    return { task: spec.task, dataset: spec.input?.dataset, gan: saved.discriminator !== undefined };
  });

test("the builder's U-Net preset on Fashion-MNIST: Train says where it trains and leads there, scenes of clothes", async ({
  page,
}) => {
  await page.goto('/');
  await expectDatasetsLoaded(page);
  await page.getByRole('combobox', { name: 'Preset' }).selectOption({ label: 'U-Net' });
  await page.getByRole('button', { name: 'Load preset' }).click();
  await expect(cards(page).and(page.locator('[data-layer-id="cat1"]'))).toHaveCount(1);
  await page.getByLabel('Dataset').selectOption({ label: 'Fashion-MNIST' });
  await expectDatasetsLoaded(page);
  // The U-Net alone (no GAN partner rides along), on the dataset the user picked.
  await expect
    .poll(() => autosaved(page))
    .toEqual({ task: 'segmentation', dataset: 'fashion-mnist', gan: false });
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  await expect(page.locator('#train-blocked')).toContainText(
    'The builder holds a segmentation network: it trains in the Segmentation and detection panel.',
  );
  await page.getByRole('button', { name: 'Go to Segmentation and detection' }).click();
  const panel = page.getByRole('region', { name: 'Segmentation and detection' });
  await expect(panel.getByRole('button', { name: 'U-Net' })).toHaveAttribute('aria-pressed', 'true');
  await expect(panel.getByRole('button', { name: 'Train segmentation' })).toBeFocused();
  // The panel's presets keep the dataset too, and its scenes are drawn from Fashion-MNIST.
  await panel.getByRole('button', { name: 'Small FCN' }).click();
  await expect
    .poll(() => autosaved(page))
    .toEqual({ task: 'segmentation', dataset: 'fashion-mnist', gan: false });
  await panel.getByRole('button', { name: 'Show scenes' }).click();
  const viewer = panel.getByTestId('scene-viewer');
  await expect(viewer.locator('canvas')).toHaveCount(8);
  expect(await colourful(viewer.locator('canvas').first())).toBeGreaterThan(50);
  await viewer.screenshot({ path: `${SHOTS}/dense-fashion-scenes.png` });
});
