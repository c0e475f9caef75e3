// The app as the e2e specs drive it: the default LeNet-5 in the builder, the datasets, the drawing pad and its
// class probabilities, notices, the Export menu's downloads, the builder's two views and the panels of the tab
// bar, and canvas pixels.
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { expect, type Download, type Locator, type Page } from '@playwright/test';

// LeNet-5 as the builder's e2e tests enter it: each layer's kind and the parameters set in the inspector
// (in_channels / in_features are wired from the previous layer).
export const LENET: { kind: string; params?: Record<string, string> }[] = [
  { kind: 'Conv2d', params: { out_channels: '6', kernel_size: '5', padding: '2' } },
  { kind: 'ReLU' },
  { kind: 'MaxPool2d' },
  { kind: 'Conv2d', params: { out_channels: '16', kernel_size: '5' } },
  { kind: 'ReLU' },
  { kind: 'MaxPool2d' },
  { kind: 'Flatten' },
  { kind: 'Linear', params: { out_features: '120' } },
  { kind: 'ReLU' },
  { kind: 'Linear', params: { out_features: '84' } },
  { kind: 'ReLU' },
  { kind: 'Linear', params: { out_features: '10' } },
];

export const LENET_SHAPES = [
  '6×28×28',
  '6×28×28',
  '6×14×14',
  '16×10×10',
  '16×10×10',
  '16×5×5',
  '400',
  '120',
  '120',
  '84',
  '84',
  '10',
];

/** The design's layers as the builder shows them: diagram nodes (the default view) or outline cards. Both
 *  carry the layer's kind and id (data-kind, data-layer-id) and its output shape (test id layer-shape). */
export const cards = (page: Page) => page.locator('[data-testid="diagram-node"], [data-testid="layer-card"]');

/** Shows the design as its outline of cards, whose buttons select, duplicate, reorder and delete layers. */
export async function showOutline(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Outline', exact: true }).click();
  await expect(page.getByRole('list', { name: 'Network layers' })).toBeVisible();
}

export type PanelName =
  | 'Summary'
  | 'Hyperparameters'
  | 'Inside the network'
  | 'Test results'
  | 'Your own data'
  | 'Generate images'
  | 'Segmentation and detection';

/** Opens a panel of the tab bar under the builder (leaving it open if it is). */
export async function openPanel(page: Page, name: PanelName): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

/** Starts from an empty network on a fresh page. */
export async function openEmpty(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Clear network' }).click();
  await expect(cards(page)).toHaveCount(0);
}

export async function expectLeNet(page: Page): Promise<void> {
  await expect(cards(page)).toHaveCount(LENET.length);
  for (let i = 0; i < LENET.length; i++) {
    await expect(cards(page).nth(i)).toHaveAttribute('data-kind', LENET[i].kind);
    await expect(cards(page).nth(i).getByTestId('layer-shape')).toHaveText(LENET_SHAPES[i]);
  }
  await expect(page.getByTestId('total-params')).toHaveText('61,706');
  await expect(page.locator('[aria-invalid="true"]')).toHaveCount(0);
}

export const DATASETS_LOADED = '60,000 training + 10,000 test images loaded';

/** Waits until the dataset status says both MNIST sets are loaded. */
export async function expectDatasetsLoaded(page: Page, timeout = 90_000): Promise<void> {
  await expect(page.getByTestId('dataset-status')).toHaveText(DATASETS_LOADED, { timeout });
}

/** Opens a fresh page on the default LeNet-5 and waits for the datasets. */
export async function openLoaded(page: Page): Promise<void> {
  await page.goto('/');
  await expectLeNet(page);
  await expectDatasetsLoaded(page);
}

/** The notice whose text matches `text`. */
export const notice = (page: Page, text: string | RegExp) =>
  page.getByRole('status').filter({ hasText: text });

/** The training step shown in the progress panel. */
export const stepCount = async (page: Page) => Number((await page.getByTestId('step').textContent()) ?? '0');

/** Draws one stroke through `points` (fractions of the pad's width and height), `steps` mouse moves a segment;
 *  `label` finds the pad by its accessible name (the English one unless told). */
export async function drawStroke(
  page: Page,
  points: readonly (readonly [number, number])[],
  steps = 4,
  label: string | RegExp = /Drawing pad/,
) {
  await page.getByLabel(label).scrollIntoViewIfNeeded();
  const pad = await page.getByLabel(label).boundingBox();
  if (!pad) throw new Error('the drawing pad is not visible');
  const at = ([x, y]: readonly [number, number]) => [pad.x + x * pad.width, pad.y + y * pad.height] as const;
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps });
  await page.mouse.up();
  // A pad moved by the page under the stroke (its first answer arriving) would draw another digit.
  expect(await page.getByLabel(label).boundingBox(), 'the pad moved while drawing').toEqual(pad);
}

/** Draws the same digit-like stroke on a cleared pad and returns the class probabilities once they settle. */
export async function drawAndRead(page: Page): Promise<string[]> {
  await page.getByRole('button', { name: 'Clear drawing' }).click();
  await drawStroke(page, [
    [8 / 28, 6 / 28],
    [20 / 28, 6 / 28],
    [16 / 28, 14 / 28],
    [13 / 28, 22 / 28],
  ]);
  // The last stroke's prediction is the one that stays; earlier ones may still arrive after mouseup (a
  // fresh model's first prediction waits for its pipelines).
  return readBars(page);
}

/** The draw pad's class probabilities, read until 2 s pass without a change. */
export async function readBars(page: Page): Promise<string[]> {
  const bars = page.getByRole('list', { name: 'Class probabilities' }).getByRole('listitem');
  await expect(bars).toHaveCount(10);
  const read = () => bars.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  let last = await read();
  for (let same = 0; same < 5;) {
    await page.waitForTimeout(400);
    const now = await read();
    same = now.join() === last.join() ? same + 1 : 0;
    last = now;
  }
  return last;
}

/** The file that an item of the header's Export menu downloads. */
export async function downloadOf(page: Page, item: string): Promise<{ name: string; bytes: Uint8Array }> {
  const download: Promise<Download> = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('group', { name: 'Export' }).getByRole('button', { name: item }).click();
  const d = await download;
  return { name: d.suggestedFilename(), bytes: new Uint8Array(await readFile((await d.path())!)) };
}

// Screenshots refresh the README's images only when asked: SCREENSHOTS_DIR=docs/screenshots.
export const SHOTS = process.env.SCREENSHOTS_DIR ?? `${tmpdir()}/cnn-playground-screenshots`;

/** Luminance of every pixel of a canvas, 0..255. */
export async function pixels(canvas: Locator): Promise<number[]> {
  return canvas.evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const out: number[] = [];
    for (let i = 0; i < data.length; i += 4)
      out.push(0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2]);
    return out;
  });
}

/** Standard deviation: a blank image has 0. */
export const std = (v: number[]) => {
  const m = v.reduce((a, b) => a + b, 0) / v.length;
  return Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length);
};

/** Mean absolute difference of two equally sized images, 0..255. */
export const change = (a: number[], b: number[]) =>
  a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0) / a.length;
