// Your own data: classes made and named, examples drawn on the example pad, the builder's LeNet-5 trained
// on them and tested on new drawings; the data kept across a reload; images from a picked folder (colour,
// any size, one unreadable) trained past 95% and carried in a project file and a PyTorch export; a zip
// and a CIFAR-10 file kept in colour, the latter augmented (with a preview) and classifying a drawing. The
// camera is in my-data-camera.spec.ts.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { cards, downloadOf, drawStroke, expectLeNet, openPanel, SHOTS } from './app';
import { writeIdx } from '../src/network/export/idx-write';
import { writeZip } from '../src/network/export/zip';
import { readZip } from '../src/network/project/zip-read';
import { classCounts, drawExample, makeClasses, NAMES, panel, SHAPES } from './my-data-helpers';

test('draw three classes of ten, train LeNet-5 on them, classify new drawings, keep them', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto('/');
  await expectLeNet(page);
  await makeClasses(page, NAMES);
  // Nothing to train on yet: the panel says what is missing.
  await expect(panel(page).getByRole('list', { name: 'Before training' })).toContainText(
    '“bar” has 0 examples: add at least 2',
  );
  for (const [c, name] of NAMES.entries()) {
    await panel(page).getByLabel(`Add examples to ${name}`).check();
    for (let k = 0; k < 10; k++) await drawExample(page, SHAPES[name](k));
    await expect(classCounts(page).nth(c)).toHaveText('10 examples');
  }
  // A bad example deleted, and drawn again.
  await panel(page).getByRole('button', { name: 'Delete example 10 of vee' }).click();
  await expect(classCounts(page).nth(2)).toHaveText('9 examples');
  await drawExample(page, SHAPES.vee(9));
  await expect(classCounts(page)).toHaveText(['10 examples', '10 examples', '10 examples']);
  await panel(page).screenshot({ path: `${SHOTS}/my-data-drawn.png` });

  await panel(page).getByRole('button', { name: 'Use this data in the builder' }).click();
  await expect(page.getByTestId('dataset-status')).toHaveText('24 training + 6 test images loaded');
  // LeNet-5's last Linear now scores the three classes.
  await expect(cards(page).last().getByTestId('layer-shape')).toHaveText('3');
  await expect(page.getByRole('combobox', { name: 'Dataset' })).toHaveValue(/^user:/);

  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('trainer-state')).toContainText(/done|finished/i, { timeout: 180_000 });
  // Each epoch ends with an evaluation on the test examples (the matrix is in the Test results tab).
  await openPanel(page, 'Test results');
  await expect(page.getByRole('table', { name: 'Confusion matrix' }).getByRole('columnheader')).toHaveText(
    NAMES,
  );

  // New drawings (places not drawn before) on the prediction pad: each classed right.
  const bars = page.getByRole('list', { name: 'Class probabilities' }).getByRole('listitem');
  for (const [c, name] of NAMES.entries()) {
    await page.getByRole('button', { name: 'Clear drawing' }).click();
    await drawStroke(
      page,
      SHAPES[name](c + 1).map(([x, y]) => [x * 0.9 + 0.06, y * 0.9 + 0.04] as const),
    );
    await expect(bars).toHaveCount(3);
    await expect
      .poll(async () => {
        const p = await bars.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
        const values = p.map((t) => Number(/([\d.]+)%/.exec(t)?.[1] ?? 0));
        return values.indexOf(Math.max(...values));
      })
      .toBe(c);
  }
  await page.screenshot({ path: `${SHOTS}/my-data-trained.png`, fullPage: true });

  // Kept: after a reload the classes, the examples and the design's dataset are still there.
  await page.waitForTimeout(800);
  await page.reload();
  await openPanel(page, 'Your own data');
  await expect(classCounts(page)).toHaveText(['10 examples', '10 examples', '10 examples']);
  await expect(panel(page).getByLabel('Name of class 3')).toHaveValue('vee');
  await expect(page.getByTestId('dataset-status')).toHaveText('24 training + 6 test images loaded');
});

/** PNGs of `count` red squares or blue discs on white, in odd sizes, made by the page's canvas. */
async function colourShapes(page: Page, shape: 'square' | 'disc', count: number): Promise<Buffer[]> {
  const urls = await page.evaluate(
    ({ shape, count }) =>
      Array.from({ length: count }, (_, i) => {
        const c = document.createElement('canvas');
        c.width = 60 + 7 * i;
        c.height = 45 + 3 * i;
        const ctx = c.getContext('2d')!;
        ctx.fillStyle = '#fff';
        ctx.fillRect(0, 0, c.width, c.height);
        ctx.fillStyle = shape === 'square' ? '#d22' : '#22d';
        const r = c.height * 0.3;
        if (shape === 'square') ctx.fillRect(c.width / 2 - r, c.height / 2 - r, 2 * r, 2 * r);
        else {
          ctx.beginPath();
          ctx.arc(c.width / 2, c.height / 2, r, 0, 2 * Math.PI);
          ctx.fill();
        }
        return c.toDataURL('image/png');
      }),
    { shape, count },
  );
  return urls.map((u) => Buffer.from(u.split(',')[1], 'base64'));
}

test('a folder of colour images becomes classes, trains past 95%, and travels in a project file', async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000);
  await page.goto('/');
  await expectLeNet(page);
  await makeClasses(page, ['first']);
  await panel(page).getByRole('tab', { name: 'Files' }).click();
  const dir = mkdtempSync(join(tmpdir(), 'my-data-'));
  for (const shape of ['square', 'disc'] as const) {
    mkdirSync(join(dir, 'shapes', shape), { recursive: true });
    (await colourShapes(page, shape, 20)).forEach((png, i) =>
      writeFileSync(join(dir, 'shapes', shape, `${i}.png`), png),
    );
  }
  writeFileSync(join(dir, 'shapes', 'disc', 'broken.png'), 'not a picture');
  await panel(page).getByTestId('folder-input').setInputFiles(join(dir, 'shapes'));
  const notes = panel(page).getByRole('list', { name: 'Files read' });
  await expect(notes).toContainText('Added 40 images.');
  await expect(notes).toContainText('broken.png could not be read as an image');
  const names = panel(page).getByLabel(/^Name of class/);
  expect(await names.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual([
    'first',
    'square',
    'disc',
  ]);
  await expect(classCounts(page)).toHaveText(['0 examples', '20 examples', '20 examples']);
  // Grey and 28×28: #d22 has luminance 90, #22d 55 (0.299 R + 0.587 G + 0.114 B).
  const centre = (name: string) =>
    panel(page)
      .getByRole('img', { name })
      .evaluate((el) => (el as HTMLCanvasElement).getContext('2d')!.getImageData(14, 14, 1, 1).data[0]);
  expect(await centre('Example 1 of square')).toBe(90);
  expect(await centre('Example 1 of disc')).toBe(55);

  // The empty class stops training until it goes.
  await expect(panel(page).getByRole('list', { name: 'Before training' })).toContainText(
    '“first” has 0 examples',
  );
  await panel(page).getByRole('button', { name: 'Delete class' }).first().click();
  await panel(page).getByRole('button', { name: 'Use this data in the builder' }).click();
  await expect(page.getByTestId('dataset-status')).toHaveText('32 training + 8 test images loaded');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('trainer-state')).toContainText('Done', { timeout: 200_000 });
  const accuracy = Number.parseFloat((await page.getByTestId('test-accuracy').textContent()) ?? '0');
  expect(accuracy).toBeGreaterThanOrEqual(95);

  const project = await downloadOf(page, 'Export project');
  const zip = await downloadOf(page, 'Export to PyTorch (.zip)');
  const bundle = readZip(zip.bytes, { maxEntries: 12, maxNameBytes: 64 });
  if (!bundle.ok) throw new Error(bundle.error);
  expect(bundle.files.map((f) => f.name)).toContain('data/train-images-idx4-ubyte.gz');

  // Another browser profile (nothing kept) opens the project: the design, the classes and their examples.
  const { baseURL } = test.info().project.use;
  const other = await browser.newContext({ baseURL, serviceWorkers: 'block' });
  const fresh = await other.newPage();
  await fresh.goto('/');
  await fresh.getByLabel('Project file').setInputFiles({
    name: project.name,
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(project.bytes),
  });
  await openPanel(fresh, 'Your own data');
  await expect(classCounts(fresh)).toHaveText(['20 examples', '20 examples']);
  await expect(fresh.getByTestId('dataset-status')).toHaveText('32 training + 8 test images loaded');
  await expect(cards(fresh).last().getByTestId('layer-shape')).toHaveText('2');
  await other.close();
});

test('a zip of class folders adds a class per folder in colour; a zip whose names climb out adds nothing; IDX files a class per label', async ({
  page,
}) => {
  await page.goto('/');
  await makeClasses(page, ['loose']);
  await panel(page).getByLabel('Colours:').selectOption('Colour (RGB)');
  await panel(page).getByRole('tab', { name: 'Files' }).click();
  const entries = [
    ...(await colourShapes(page, 'square', 3)).map((data, i) => ({ name: `set/square/${i}.png`, data })),
    ...(await colourShapes(page, 'disc', 2)).map((data, i) => ({ name: `set/disc/${i}.png`, data })),
  ];
  const images = panel(page).getByLabel(/^Add images \(or a zip/);
  await images.setInputFiles({
    name: 'set.zip',
    mimeType: 'application/zip',
    buffer: Buffer.from(writeZip(entries)),
  });
  await expect(panel(page).getByRole('list', { name: 'Files read' })).toContainText('Added 5 images.');
  await expect(classCounts(page)).toHaveText(['0 examples', '3 examples', '2 examples']);
  // Decoded in the image worker: its progress bar ends full, and says so.
  await expect(panel(page).getByTestId('read-progress')).toHaveText('Read 5 of 5 images.');
  await expect(panel(page).getByRole('progressbar', { name: 'Images read' })).toHaveAttribute('value', '5');
  await panel(page).getByTestId('read-progress').scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/my-data-zip-read.png` });
  // In colour: the square's red (#d22) and the disc's blue (#22d) kept at the centre.
  const centre = (name: string) =>
    panel(page)
      .getByRole('img', { name })
      .evaluate((el) =>
        Array.from((el as HTMLCanvasElement).getContext('2d')!.getImageData(14, 14, 1, 1).data.slice(0, 3)),
      );
  expect(await centre('Example 1 of square')).toEqual([221, 34, 34]);
  expect(await centre('Example 1 of disc')).toEqual([34, 34, 221]);
  // The browser's storage estimate is shown beside the data.
  await expect(panel(page).getByTestId('storage-use')).toContainText(/MB used, [\d.]+ MB free/);
  const evil = writeZip([{ name: 'x/../../evil.png', data: entries[0].data }]);
  await images.setInputFiles({ name: 'evil.zip', mimeType: 'application/zip', buffer: Buffer.from(evil) });
  await expect(panel(page).getByRole('list', { name: 'Files read' })).toContainText(
    'evil.zip was not read: entry 1\'s name "x/../../evil.png" climbs out of its folder. Nothing was added.',
  );
  await expect(classCounts(page)).toHaveText(['0 examples', '3 examples', '2 examples']);

  // MNIST-format files, images with their labels: a class per label; a truncated pair adds nothing.
  const idx = (name: string, dims: number[], values: Uint8Array) => ({
    name,
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(writeIdx(dims, values)),
  });
  await images.setInputFiles([
    idx('train-images-idx3-ubyte', [3, 28, 28], new Uint8Array(3 * 784).fill(200)),
    idx('train-labels-idx1-ubyte', [3], Uint8Array.from([7, 3, 7])),
  ]);
  await expect(panel(page).getByRole('list', { name: 'Files read' })).toContainText('Added 3 images.');
  await expect(classCounts(page)).toHaveText([
    '0 examples',
    '3 examples',
    '2 examples',
    '1 example',
    '2 examples',
  ]);
  const cut = idx('cut-images-idx3-ubyte', [3, 28, 28], new Uint8Array(3 * 784)).buffer.subarray(0, 100);
  await images.setInputFiles([
    { name: 'cut-images-idx3-ubyte', mimeType: 'application/octet-stream', buffer: cut },
    idx('cut-labels-idx1-ubyte', [3], new Uint8Array(3)),
  ]);
  await expect(panel(page).getByRole('list', { name: 'Files read' })).toContainText(
    'cut-images-idx3-ubyte: its header says 3×28×28 (2352 values) but it holds 84 (truncated or damaged?)',
  );
  await expect(classCounts(page)).toHaveCount(5);
  // EMNIST's files hold each image transposed: named so, they are turned upright (the toggle's default).
  await expect(panel(page).getByLabel(/^Turn IDX images upright/)).toHaveValue('auto');
  const column = Uint8Array.from({ length: 784 }, (_, i) => (i % 28 === 3 ? 255 : 0));
  await images.setInputFiles([
    idx('emnist-letters-train-images-idx3-ubyte', [1, 28, 28], column),
    idx('emnist-letters-train-labels-idx1-ubyte', [1], Uint8Array.from([42])),
  ]);
  await expect(classCounts(page)).toHaveCount(6);
  const letter = panel(page).getByRole('img', { name: 'Example 1 of 42' });
  const red = (x: number, y: number) =>
    letter.evaluate(
      (el, [x, y]) => (el as HTMLCanvasElement).getContext('2d')!.getImageData(x, y, 1, 1).data[0],
      [x, y],
    );
  // The stored column 3 is the letter's row 3.
  expect([await red(14, 3), await red(3, 14)]).toEqual([255, 0]);
});

test('a CIFAR-10 binary file becomes its ten classes in colour, augmented, trains a step and classifies a drawing', async ({
  page,
}) => {
  await page.goto('/');
  await expectLeNet(page);
  // Three images of each class, each class a flat colour of its own, in CIFAR-10's record layout.
  const file = Buffer.alloc(30 * 3073);
  for (let r = 0; r < 30; r++) {
    const label = r % 10;
    file[r * 3073] = label;
    for (let plane = 0; plane < 3; plane++)
      file.fill(
        (label * 25 + plane * 40 + r) % 256,
        r * 3073 + 1 + plane * 1024,
        r * 3073 + 1 + (plane + 1) * 1024,
      );
  }
  await openPanel(page, 'Your own data');
  // Colour at CIFAR's own size, chosen before any example is in.
  const format = panel(page).getByRole('group', { name: 'Image format' });
  await format.getByLabel('Colours:').selectOption('Colour (RGB)');
  await format.getByLabel('Size:').selectOption('32×32 pixels');
  await panel(page).getByRole('tab', { name: 'Files' }).click();
  await panel(page)
    .getByLabel(/^Add images \(or a zip/)
    .setInputFiles({ name: 'data_batch_1.bin', mimeType: 'application/octet-stream', buffer: file });
  await expect(panel(page).getByRole('list', { name: 'Files read' })).toContainText('Added 30 images.');
  const names = panel(page).getByLabel(/^Name of class/);
  expect(await names.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))).toEqual([
    'airplane',
    'automobile',
    'bird',
    'cat',
    'deer',
    'dog',
    'frog',
    'horse',
    'ship',
    'truck',
  ]);
  await expect(classCounts(page)).toHaveText(Array(10).fill('3 examples'));
  // The first cat (record 3) is red 78, green 118, blue 158 at 32×32.
  const cat = panel(page).getByRole('img', { name: 'Example 1 of cat' });
  await expect(cat).toHaveAttribute('width', '32');
  expect(
    await cat.evaluate((el) =>
      Array.from((el as HTMLCanvasElement).getContext('2d')!.getImageData(16, 16, 1, 1).data.slice(0, 3)),
    ),
  ).toEqual([78, 118, 158]);

  // Augmentation: shifts of up to 3 pixels move the flat image, so the preview's samples differ.
  await panel(page).getByLabel('Largest shift in pixels').fill('3');
  const samples = panel(page)
    .getByRole('list', { name: 'Augmented samples of the first example' })
    .getByRole('img');
  await expect(samples).toHaveCount(8);
  const drawn = await samples.evaluateAll((els) =>
    els.map((el) => {
      const c = el as HTMLCanvasElement;
      return Array.from(c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data).join();
    }),
  );
  expect(new Set(drawn).size).toBeGreaterThan(1);
  // The panel scrolls: the preview's end is brought into view, and the page shows the sliders above it.
  await samples.last().scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/my-data-augment.png` });

  await panel(page).getByRole('button', { name: 'Use this data in the builder' }).click();
  await expect(page.getByTestId('dataset-status')).toHaveText('20 training + 10 test images loaded');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByTestId('step')).toHaveText('1', { timeout: 60_000 });
  await expect(page.getByTestId('train-loss')).toHaveText(/^\d/);
  // A drawing on the prediction pad is fitted to the colour 32×32 input and classified (the first answer
  // may move the pad; where the line lands does not matter here). The colour data gives the pad a brush
  // colour, and the line reaches the network in it: green, no red or blue.
  const drawArea = page.getByRole('region', { name: 'Draw a digit' });
  await drawArea.getByLabel('Brush colour:').fill('#00c000');
  const pad = (await page.getByLabel(/Drawing pad/).boundingBox())!;
  await page.mouse.move(pad.x + 0.3 * pad.width, pad.y + 0.3 * pad.height);
  await page.mouse.down();
  await page.mouse.move(pad.x + 0.7 * pad.width, pad.y + 0.7 * pad.height, { steps: 4 });
  await page.mouse.up();
  await expect(page.getByRole('list', { name: 'Class probabilities' }).getByRole('listitem')).toHaveCount(10);
  await expect
    .poll(() =>
      page.getByTestId('node-input').evaluate((el) => {
        const c = el as HTMLCanvasElement;
        const rgba = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        const most = [0, 0, 0];
        for (let i = 0; i < rgba.length; i += 4)
          for (let k = 0; k < 3; k++) most[k] = Math.max(most[k], rgba[i + k]);
        return most;
      }),
    )
    .toEqual([0, 192, 0]);
  await drawArea.screenshot({ path: `${SHOTS}/my-data-colour-pad.png` });
  // The first layer's kernels read red, green and blue: shown as colours too.
  await openPanel(page, 'Inside the network');
  await expect(page.getByTestId('filters-rgb-0')).toBeVisible();
  await page.getByTestId('filters-rgb-0').screenshot({ path: `${SHOTS}/my-data-rgb-filters.png` });
});
