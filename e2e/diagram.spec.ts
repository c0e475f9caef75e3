// The network as a live diagram on one screen (issue 15): the core loop inside the viewport at a laptop's,
// a tablet's and a projector's size; feature-map strips and bars that change while the network trains; and
// a residual block built on the diagram by mouse, by touch and by keyboard alone, then trained.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { cards, change, expectDatasetsLoaded, pixels, SHOTS, std, stepCount } from './app';

const node = (page: Page, n: number) => cards(page).nth(n);
const edgeLabel = (page: Page, source: string, target: string) =>
  page.locator(`[data-testid="edge-label"][data-source="${source}"][data-target="${target}"]`);
const handle = (n: Locator, type: 'source' | 'target') => n.locator(`.react-flow__handle.${type}`);
const centre = async (el: Locator) => {
  const box = await el.boundingBox();
  if (!box) throw new Error('not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
};

/** Every control of the core loop, each of which must be on the first screen. */
const coreLoop = (page: Page): [string, Locator][] => [
  ['diagram', page.locator('.react-flow')],
  ['Train or Pause', page.getByRole('button', { name: /^(Train|Pause)$/ })],
  ['Step', page.getByRole('button', { name: 'Step', exact: true })],
  ['Reset', page.getByRole('button', { name: 'Reset', exact: true })],
  ['test accuracy', page.getByTestId('test-accuracy')],
  ['test loss', page.getByTestId('test-loss')],
  ['train loss', page.getByTestId('train-loss')],
  ['steps', page.getByTestId('step')],
  ['loss chart', page.getByTestId('loss-chart')],
  ['accuracy chart', page.getByTestId('accuracy-chart')],
  ['draw pad', page.getByLabel(/Drawing pad/)],
  ['class probabilities', page.getByRole('list', { name: 'Class probabilities' })],
];

/** The names of the core loop's controls that are not wholly inside the viewport. */
async function outside(page: Page): Promise<string[]> {
  const view = page.viewportSize()!;
  const out: string[] = [];
  for (const [name, el] of coreLoop(page)) {
    const box = await el.first().boundingBox();
    const inside =
      box &&
      box.x >= 0 &&
      box.y >= 0 &&
      box.x + box.width <= view.width + 0.5 &&
      box.y + box.height <= view.height + 0.5;
    if (!inside) out.push(name);
  }
  return out;
}

// Each size's screenshot (while training) is the README's picture of it.
const SIZES = [
  { width: 1280, height: 720, shot: 'playground-light' },
  { width: 820, height: 1180, shot: 'playground-tablet' },
  { width: 1920, height: 1080, shot: 'playground-projector' },
];

test("the core loop fits one screen at a laptop's, a tablet's and a projector's size, training included", async ({
  page,
}) => {
  await page.setViewportSize(SIZES[0]);
  await page.goto('/');
  await expectDatasetsLoaded(page);
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  await expect(cards(page)).toHaveCount(12);
  // The probabilities show once something is drawn.
  const pad = await page.getByLabel(/Drawing pad/).boundingBox();
  if (!pad) throw new Error('the drawing pad is not visible');
  await page.mouse.move(pad.x + pad.width / 2, pad.y + pad.height * 0.2);
  await page.mouse.down();
  await page.mouse.move(pad.x + pad.width / 2, pad.y + pad.height * 0.8, { steps: 6 });
  await page.mouse.up();
  const probabilities = page.getByRole('list', { name: 'Class probabilities' }).getByRole('listitem');
  await expect(probabilities).toHaveCount(10);
  const fits = async (size: string) => {
    expect(await outside(page), size).toEqual([]);
    // Nothing scrolls: the page is exactly one screen.
    expect(
      await page.evaluate(() => document.documentElement.scrollHeight - window.innerHeight),
      size,
    ).toBeLessThanOrEqual(0);
  };
  await fits('before training');
  const answer = () => page.getByRole('list', { name: 'Class probabilities' }).textContent();
  const untrained = await answer();

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  // The drawing's probabilities move as the network learns, without drawing it again.
  await expect.poll(answer, { timeout: 60_000 }).not.toBe(untrained);
  for (const { shot, ...viewport } of SIZES) {
    const size = `${viewport.width}×${viewport.height}`;
    await page.setViewportSize(viewport);
    const before = await stepCount(page);
    await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBeGreaterThan(before + 10);
    await expect(probabilities).toHaveCount(10);
    await fits(size);
    await page.screenshot({ path: `${SHOTS}/${shot}.png` });
  }
  // Opening a panel leaves the core loop where it was, at every size.
  await page.getByRole('tab', { name: 'Hyperparameters', exact: true }).click();
  await expect(page.getByLabel('Seed', { exact: true })).toBeVisible();
  for (const viewport of SIZES) {
    await page.setViewportSize(viewport);
    await fits(`${viewport.width}×${viewport.height} with a panel open`);
  }
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
});

test("the diagram's feature-map strips and bars change while the network trains", async ({ page }) => {
  await page.goto('/');
  await expectDatasetsLoaded(page);
  const maps = node(page, 0).getByTestId('node-maps');
  const bars = node(page, 7).getByTestId('node-bars');
  const probabilities = node(page, 11).getByTestId('node-probabilities');
  await expect(maps).toBeVisible();
  await expect(bars).toBeVisible();
  await expect(probabilities).toBeVisible();
  const mapsBefore = await pixels(maps);
  const barsBefore = await pixels(bars);
  // Not blank: the untrained first layer already shows the test image's edges.
  expect(std(mapsBefore)).toBeGreaterThan(5);

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBeGreaterThan(60);
  await expect
    .poll(async () => change(await pixels(maps), mapsBefore), { timeout: 30_000 })
    .toBeGreaterThan(2);
  await expect
    .poll(async () => change(await pixels(bars), barsBefore), { timeout: 30_000 })
    .toBeGreaterThan(2);
  // Still training: the strips keep changing with the weights.
  const mid = await pixels(maps);
  await expect.poll(async () => change(await pixels(maps), mid), { timeout: 30_000 }).toBeGreaterThan(0.5);
  await page.screenshot({ path: `${SHOTS}/diagram-training.png` });
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
});

test('hovering or focusing a node shows its parameters, output shape, parameter count and FLOPs', async ({
  page,
}) => {
  await page.goto('/');
  await expect(cards(page)).toHaveCount(12);
  await node(page, 0).hover();
  const card = page.getByTestId('node-card');
  await expect(card).toBeVisible();
  await expect(card).toContainText('Conv2d 1→6, 5×5, pad 2');
  await expect(card).toContainText('Output 6×28×28');
  await expect(card).toContainText('156 parameters');
  await expect(card).toContainText('FLOPs');
  await page.mouse.move(2, 2);
  await expect(card).toHaveCount(0);
  // A screen reader hears the same, and what the node connects to.
  await expect(node(page, 3).locator('xpath=..')).toHaveAttribute(
    'aria-label',
    /^Layer 4 of 12: Conv2d \(6→16, 5×5\), output 16×10×10, 2,416 parameters, .* FLOPs, reads layer 3 \(MaxPool2d\), read by layer 5 \(ReLU\)$/,
  );
});

/** The residual block built from LeNet-5: a Conv2d after layer 2 (ReLU), made 6 channels with padding 1,
 *  and a skip connection from layer 2 around it: an Add in front of the MaxPool. Checks it, then trains. */
async function expectResidualAndTrain(page: Page): Promise<void> {
  await expect(cards(page)).toHaveCount(14);
  await expect(node(page, 2)).toHaveAttribute('data-kind', 'Conv2d');
  await expect(node(page, 3)).toHaveAttribute('data-kind', 'Add');
  await expect(node(page, 4)).toHaveAttribute('data-kind', 'MaxPool2d');
  await expect(node(page, 3).getByTestId('layer-shape')).toHaveText('6×28×28');
  const relu = await node(page, 1).getAttribute('data-layer-id');
  const conv = await node(page, 2).getAttribute('data-layer-id');
  const add = await node(page, 3).getAttribute('data-layer-id');
  // The Add reads the new Conv2d and, skipping it, the ReLU.
  await expect(edgeLabel(page, conv!, add!)).toHaveText('6×28×28');
  await expect(edgeLabel(page, relu!, add!)).toHaveText('6×28×28');
  await expect(page.locator('.dnode.has-error')).toHaveCount(0);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => stepCount(page), { timeout: 90_000 }).toBeGreaterThan(5);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByTestId('train-loss')).toHaveText(/^\d+\.\d{3}$/);
  await expect(node(page, 3).getByTestId('node-maps')).toBeVisible();
}

async function setConvParams(page: Page): Promise<void> {
  const inspector = page.getByRole('region', { name: 'Inspector' });
  await inspector.getByLabel('out_channels', { exact: true }).fill('6');
  await inspector.getByLabel('padding', { exact: true }).fill('1');
  await expect(node(page, 2).getByTestId('layer-shape')).toHaveText('6×28×28');
  // Closed, the inspector uncovers the diagram's right side.
  await inspector.getByRole('button', { name: 'Close the inspector' }).click();
  await expect(inspector).toHaveCount(0);
}

test('a residual block built on the diagram with the mouse trains', async ({ page }) => {
  await page.goto('/');
  await expectDatasetsLoaded(page);
  const relu = (await node(page, 1).getAttribute('data-layer-id'))!;
  const pool = (await node(page, 2).getAttribute('data-layer-id'))!;
  // A Conv2d dragged from the palette onto the edge from the ReLU to the MaxPool is inserted there.
  const from = await centre(page.getByRole('button', { name: 'Add Conv2d', exact: true }));
  const to = await centre(edgeLabel(page, relu, pool));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 12, from.y, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
  await expect(cards(page)).toHaveCount(13);
  await setConvParams(page);
  // The ReLU's output handle dragged to the MaxPool's input handle: an Add merges the two.
  const start = await centre(handle(node(page, 1), 'source'));
  const end = await centre(handle(node(page, 3), 'target'));
  await page.mouse.move(start.x, start.y);
  await page.mouse.down();
  await page.mouse.move(end.x, end.y, { steps: 15 });
  await page.mouse.up();
  await expectResidualAndTrain(page);
  // Undo takes the skip connection away, Redo brings it back.
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect(cards(page)).toHaveCount(13);
  await page.getByRole('button', { name: 'Redo', exact: true }).click();
  await expect(cards(page)).toHaveCount(14);
});

/** Presses Tab (Shift+Tab with `back`) until `target` has the focus. */
async function tabTo(page: Page, target: Locator, back = false): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
  }
  throw new Error('Tab never reached the target');
}

test('a residual block built on the diagram with the keyboard alone trains', async ({ page }) => {
  await page.goto('/');
  await expectDatasetsLoaded(page);
  const diagram = page.locator('.react-flow');
  // The edge from the ReLU to the MaxPool, selected with Enter, takes the palette's next layer.
  await tabTo(page, diagram.getByRole('group', { name: /^6×28×28 from layer 2 \(ReLU\) to layer 3/ }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('button', { name: 'Add Conv2d', exact: true }), true);
  await page.keyboard.press('Enter');
  await expect(cards(page)).toHaveCount(13);
  await expect(node(page, 2)).toHaveAttribute('data-kind', 'Conv2d');
  const inspector = page.getByRole('region', { name: 'Inspector' });
  for (const [name, value] of [
    ['out_channels', '6'],
    ['padding', '1'],
  ]) {
    await tabTo(page, inspector.getByLabel(name, { exact: true }));
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(value);
  }
  await expect(node(page, 2).getByTestId('layer-shape')).toHaveText('6×28×28');
  // C on the ReLU starts a connection; Enter on the MaxPool makes it.
  await tabTo(page, diagram.getByRole('group', { name: /^Layer 2 of 13: ReLU/ }), true);
  await page.keyboard.press('c');
  await expect(page.getByRole('status').filter({ hasText: 'Connecting from layer 2 (ReLU)' })).toBeVisible();
  await tabTo(page, diagram.getByRole('group', { name: /^Layer 4 of 13: MaxPool2d/ }));
  await page.keyboard.press('Enter');
  await expectResidualAndTrain(page);
});

test.describe('touch', () => {
  test.use({ hasTouch: true });

  test('a residual block built on the diagram by touch trains', async ({ page }) => {
    await page.goto('/');
    await expectDatasetsLoaded(page);
    const cdp = await page.context().newCDPSession(page);
    const touch = (type: 'touchStart' | 'touchMove' | 'touchEnd', p?: { x: number; y: number }) =>
      cdp.send('Input.dispatchTouchEvent', { type, touchPoints: p ? [{ x: p.x, y: p.y }] : [] });
    const touchDrag = async (from: { x: number; y: number }, to: { x: number; y: number }, hold: number) => {
      await touch('touchStart', from);
      // The palette's drag starts after a short press-and-hold (so that a swipe still scrolls).
      if (hold) await page.waitForTimeout(hold);
      for (let i = 1; i <= 12; i++)
        await touch('touchMove', {
          x: from.x + ((to.x - from.x) * i) / 12,
          y: from.y + ((to.y - from.y) * i) / 12,
        });
      await touch('touchEnd');
    };
    const relu = (await node(page, 1).getAttribute('data-layer-id'))!;
    const pool = (await node(page, 2).getAttribute('data-layer-id'))!;
    await touchDrag(
      await centre(page.getByRole('button', { name: 'Add Conv2d', exact: true })),
      await centre(edgeLabel(page, relu, pool)),
      300,
    );
    await expect(cards(page)).toHaveCount(13);
    await setConvParams(page);
    await touchDrag(
      await centre(handle(node(page, 1), 'source')),
      await centre(handle(node(page, 3), 'target')),
      0,
    );
    await expectResidualAndTrain(page);
  });
});

test('a node moved by hand stays where it was put, over a reload and through a share link', async ({
  page,
  browser,
}) => {
  await page.goto('/');
  await expect(cards(page)).toHaveCount(12);
  const tidy = page.getByRole('button', { name: 'Tidy up' });
  await expect(tidy).toHaveCount(0);
  // Where layer 6 sits against layer 5, in node heights (the same at any zoom).
  const offset = async (p: Page) => {
    const [a, b] = [await node(p, 4).boundingBox(), await node(p, 5).boundingBox()];
    return { x: (b!.x - a!.x) / a!.height, y: (b!.y - a!.y) / a!.height };
  };
  const before = await offset(page);
  const head = node(page, 5).getByTestId('layer-shape');
  const from = await centre(head);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 10, from.y + 60, { steps: 8 });
  await page.mouse.up();
  await expect(tidy).toBeVisible();
  const moved = await offset(page);
  expect(moved.y - before.y).toBeGreaterThan(0.3);
  const close = (p: Page) =>
    expect.poll(async () => {
      const o = await offset(p);
      return Math.max(Math.abs(o.x - moved.x), Math.abs(o.y - moved.y));
    });

  // The autosave keeps the placement (a moved node restarts no training: training ignores it).
  await page.reload();
  await expect(cards(page)).toHaveCount(12);
  await expect(tidy).toBeVisible();
  await close(page).toBeLessThan(0.05);

  // So does a share link, in another browser.
  await page.getByRole('button', { name: 'Share' }).click();
  const url = await page.getByLabel('Share link').inputValue();
  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  await expect(cards(other)).toHaveCount(12);
  await expect(other.getByRole('button', { name: 'Tidy up' })).toBeVisible();
  await close(other).toBeLessThan(0.05);
  await fresh.close();

  // Tidy up gives every node back to the auto-layout.
  await tidy.click();
  await expect(tidy).toHaveCount(0);
  await close(page).toBeGreaterThan(0.2);
});
