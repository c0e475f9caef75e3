import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { cards, drawStroke, expectDatasetsLoaded, expectLeNet, notice, stepCount } from './app';

// Issue 10 in the browser: dataset files that are missing, truncated or corrupt (served by Playwright's
// route interception) and a GPU device lost mid-training or while paused. Each shows a specific message and
// leaves the rest of the app working. Hostile links and files are in hostile.spec.ts.

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
    // A server's own error page: HTML, but the status says what went wrong, not "missing".
    name: 'server error (500, an HTML page)',
    serve: { status: 500, body: Buffer.from('<!doctype html><h1>Internal Server Error</h1>') },
    message: /train-labels-idx1-ubyte\.gz could not be fetched \(HTTP 500/,
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
        headers: {
          'cache-control': 'no-store',
          'content-type': fault.serve.body[0] === 0x3c ? 'text/html; charset=utf-8' : 'application/gzip',
        },
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

test('a GPU device lost while paused: the step count neither goes stale nor runs backwards', async ({
  page,
}) => {
  const errors = collectPageErrors(page);
  await page.goto('/?test-hooks');
  await expectDatasetsLoaded(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => stepCount(page), { timeout: 90_000 }).toBeGreaterThan(20);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('trainer-state')).toHaveText('Paused');
  const paused = await stepCount(page);

  await page.evaluate(() =>
    (window as unknown as { __cnnTest: { destroyDevice(): void } }).__cnnTest.destroyDevice(),
  );
  await expect(notice(page, 'The GPU device was lost')).toContainText(
    'the model was rebuilt on a new device from its last saved weights',
    { timeout: 60_000 },
  );
  await expect(page.getByTestId('trainer-state')).toHaveText('Paused');
  expect(await stepCount(page)).toBe(paused);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByTestId('step')).toHaveText(String(paused + 1), { timeout: 60_000 });
  expect(errors).toEqual([]);
});

test('the test hook is absent without ?test-hooks', async ({ page }) => {
  await page.goto('/');
  await expectLeNet(page);
  expect(await page.evaluate(() => '__cnnTest' in window)).toBe(false);
});
