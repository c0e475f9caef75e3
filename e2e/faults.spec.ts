import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { cards, drawStroke, expectDatasetsLoaded, expectLeNet, notice, stepCount } from './app';

// Issue 10 in the browser: dataset files that are missing, truncated or corrupt (served by Playwright's
// route interception), a GPU device lost mid-training, and hostile share links. Each shows a specific
// message and leaves the rest of the app working.

// A service worker would answer from its cache, out of reach of route interception.
test.use({ serviceWorkers: 'block' });
test.setTimeout(180_000);

const LABELS = 'mnist/train-labels-idx1-ubyte.gz';
const original = readFileSync(path.resolve('public/data', LABELS));
const raw = gunzipSync(original);
const withMagic = (magic: number) => {
  const bytes = Buffer.from(raw);
  bytes.writeUInt32BE(magic, 0);
  return gzipSync(bytes);
};

const FAULTS: { name: string; serve: { status: number; body: Buffer }; message: RegExp }[] = [
  {
    name: 'missing (404)',
    serve: { status: 404, body: Buffer.from('not found') },
    message: /train-labels-idx1-ubyte\.gz is missing \(HTTP 404\)/,
  },
  {
    name: 'truncated',
    serve: { status: 200, body: original.subarray(0, original.length >> 1) },
    message: /train-labels-idx1-ubyte\.gz.*(ended|truncated|end of)/,
  },
  {
    name: 'wrong magic number',
    serve: { status: 200, body: withMagic(0x0803) },
    message: /train-labels-idx1-ubyte\.gz: expected magic 2049 \(labels\) but found 2051/,
  },
  {
    // A gzip header, then deflate blocks of the reserved type 3.
    name: 'bad gzip',
    serve: { status: 200, body: Buffer.concat([original.subarray(0, 10), Buffer.alloc(4000, 0xff)]) },
    message: /train-labels-idx1-ubyte\.gz is not valid gzip/,
  },
];

/** Uncaught page errors fail the test that collected them. */
function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

/** A vertical stroke down the middle of the pad. */
const drawLine = (page: Page) =>
  drawStroke(
    page,
    [
      [0.5, 0.15],
      [0.5, 0.85],
    ],
    8,
  );

/** Pixels of the drawing pad with any ink on them. */
const inkedPixels = (page: Page) =>
  page.getByLabel(/Drawing pad/).evaluate((canvas: HTMLCanvasElement) => {
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
    return n;
  });

for (const fault of FAULTS) {
  test(`a ${fault.name} dataset file: a specific error, Retry, and the builder and draw pad still work`, async ({
    page,
  }) => {
    const errors = collectPageErrors(page);
    const pattern = `**/data/${LABELS}`;
    await page.route(pattern, (route) =>
      route.fulfill({
        status: fault.serve.status,
        body: fault.serve.body,
        headers: { 'cache-control': 'no-store' },
      }),
    );
    await page.goto('/');
    const status = page.getByTestId('dataset-status');
    await expect(status).toContainText(fault.message, { timeout: 60_000 });
    await expect(status).toHaveAttribute('role', 'alert');
    const retry = page.getByRole('button', { name: 'Retry' });
    await expect(retry).toBeVisible();

    // The builder still edits the design and the draw pad still predicts with the untrained model.
    await expectLeNet(page);
    // Clicking a node of the diagram selects its layer and opens the inspector.
    await cards(page).nth(0).click();
    await page
      .getByRole('region', { name: 'Inspector' })
      .getByLabel('out_channels', { exact: true })
      .fill('8');
    await expect(cards(page).nth(0).getByTestId('layer-shape')).toHaveText('8×28×28');
    await drawLine(page);
    expect(await inkedPixels(page)).toBeGreaterThan(50);
    await page.getByRole('button', { name: 'Clear drawing' }).click();
    expect(await inkedPixels(page)).toBe(0);

    // With the file served again, Retry loads the dataset.
    await page.unroute(pattern);
    await retry.click();
    await expectDatasetsLoaded(page, 120_000);
    await expect(retry).toHaveCount(0);
    // And the draw pad, with data now, classifies what is drawn.
    await drawLine(page);
    await expect(page.getByRole('list', { name: 'Class probabilities' }).getByRole('listitem')).toHaveCount(
      10,
    );
    expect(errors).toEqual([]);
  });
}

test('a GPU device lost mid-training: a notice, a rebuild on a new device, training goes on, the design kept', async ({
  page,
}) => {
  const errors = collectPageErrors(page);
  await page.goto('/?test-hooks');
  await expectDatasetsLoaded(page);
  await expect(page.getByTestId('backend')).toHaveText('WebGPU');
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  const step = () => stepCount(page);
  await expect.poll(step, { timeout: 90_000 }).toBeGreaterThan(0);
  const before = await step();

  await page.evaluate(() =>
    (window as unknown as { __cnnTest: { destroyDevice(): void } }).__cnnTest.destroyDevice(),
  );
  await expect(notice(page, 'The GPU device was lost')).toBeVisible();
  await expect(notice(page, 'The GPU device was lost')).toContainText(
    'the model was rebuilt on a new device from its last saved weights',
    { timeout: 60_000 },
  );
  // Training continues on the rebuilt device, from the last snapshot rather than from step 0.
  await expect.poll(step, { timeout: 90_000 }).toBeGreaterThan(before + 20);
  await expect(page.getByTestId('backend')).toHaveText('WebGPU');
  await expect(page.getByTestId('trainer-state')).toHaveText('Training');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expectLeNet(page);
  expect(errors).toEqual([]);
});

test('the test hook is absent without ?test-hooks', async ({ page }) => {
  await page.goto('/');
  await expectLeNet(page);
  expect(await page.evaluate(() => '__cnnTest' in window)).toBe(false);
});

const b64 = (text: string) => Buffer.from(text).toString('base64url');
const CONV = { kind: 'Conv2d', id: 'c1', in_channels: 1, out_channels: 6, kernel_size: 5, stride: 1 };
/** A link's JSON text holding a one-layer design whose first layer gets `layer`'s values. */
const linkJson = (layer: Record<string, unknown>) =>
  JSON.stringify({
    v: 1,
    spec: {
      version: 1,
      name: 'hostile',
      input: { dataset: 'mnist', shape: [1, 28, 28] },
      task: 'classification',
      autoWire: true,
      layers: [{ ...CONV, padding: 2, dilation: 1, bias: true, ...layer }],
    },
    hyper: {},
  });

const HOSTILE: { name: string; fragment: string; message: string }[] = [
  {
    name: 'oversized (1 MB)',
    fragment: 'A'.repeat(1_000_000),
    message: 'the share link is 1,000,000 characters long, more than the 65,536 allowed',
  },
  {
    name: 'nested 5,000 deep',
    fragment: b64(`{"v":1,"spec":${'['.repeat(5000)}${']'.repeat(5000)},"hyper":{}}`),
    message: 'the share link is nested too deeply (more than 16 levels)',
  },
  {
    name: 'of the wrong type',
    fragment: b64(JSON.stringify({ v: 1, spec: 'a network', hyper: [] })),
    message: 'the share link is not valid: a spec must be an object, not string',
  },
  {
    name: 'asking for out_channels 10^9',
    fragment: b64(linkJson({ out_channels: 1e9 })),
    message: 'layer 1 (Conv2d): out_channels 1000000000 is too large: at most 4096',
  },
  {
    // Written into the JSON text itself: JSON.stringify never emits a __proto__ key.
    name: 'carrying a __proto__ key',
    fragment: b64(linkJson({}).replace('"name":', '"__proto__":{"polluted":true},"name":')),
    message: 'the share link contains the forbidden key __proto__ (at $.spec.__proto__)',
  },
];

for (const hostile of HOSTILE) {
  test(`a share link ${hostile.name} is refused with a message; the current design stays`, async ({
    page,
  }) => {
    const errors = collectPageErrors(page);
    // A current design that differs from the default: LeNet-5 without its last ReLU, autosaved.
    await page.goto('/');
    await expectLeNet(page);
    await cards(page).nth(10).click();
    await page.getByRole('button', { name: 'Delete layer 11 (ReLU)' }).click();
    await expect(cards(page)).toHaveCount(11);
    await expect
      .poll(() => page.evaluate(() => localStorage.getItem('cnn-playground/autosave/v2')))
      .not.toBeNull();
    const saved = await page.evaluate(() => localStorage.getItem('cnn-playground/autosave/v2'));
    await page.waitForTimeout(1500);

    await page.goto('about:blank');
    await page.goto(`/#${hostile.fragment}`);
    const refused = notice(page, "The link's design was not loaded");
    await expect(refused).toBeVisible();
    await expect(refused).toContainText(hostile.message);
    await expect(cards(page)).toHaveCount(11);
    expect(await page.evaluate(() => localStorage.getItem('cnn-playground/autosave/v2'))).toBe(saved);
    expect(await page.evaluate(() => (Object.prototype as Record<string, unknown>).polluted)).toBeUndefined();
    expect(errors).toEqual([]);
  });
}
