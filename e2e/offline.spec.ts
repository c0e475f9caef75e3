import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { expectDatasetsLoaded } from './app';
import { startStaticHost, type Answer } from './static-host';

// One visit installs the service worker, which precaches the app shell and MNIST; after that the page,
// its training worker and the dataset load with the network off (offline, and every request aborted).
// The service worker is part of what this spec checks (blocked by default in playwright.config.ts).
test.use({ serviceWorkers: 'allow' });

test('after one visit the app and MNIST load with the network off', async ({ page, context }) => {
  await page.goto('/');
  await expectDatasetsLoaded(page, 60_000);
  // `ready` resolves once the worker is active, which happens only after its precache install succeeded.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);

  const reachedNetwork: string[] = [];
  await context.route('**/*', (route) => {
    reachedNetwork.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  await context.setOffline(true);
  const fromServiceWorker: string[] = [];
  page.on('response', (response) => {
    if (response.fromServiceWorker()) fromServiceWorker.push(new URL(response.url()).pathname);
  });

  await page.reload();
  for (const name of ['Network builder', 'Training', 'Charts', 'Predictions']) {
    await expect(page.getByRole('region', { name, exact: true })).toBeVisible();
  }
  await expectDatasetsLoaded(page, 60_000);
  await expect(page.getByRole('progressbar', { name: 'MNIST data' })).toHaveAttribute('aria-valuenow', '100');
  expect(fromServiceWorker).toContain('/');
  expect(reachedNetwork).toEqual([]);
  await context.setOffline(false);
});

test('the web manifest names the app, its icons and theme colour', async ({ page, request }) => {
  await page.goto('/');
  const href = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(href).toBeTruthy();
  const manifest = await (await request.get(new URL(href ?? '', page.url()).href)).json();
  expect(manifest.name).toBe('CNN Playground');
  expect(manifest.display).toBe('standalone');
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  const sizes = (manifest.icons as { src: string; sizes: string }[]).map((icon) => icon.sizes);
  expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
  for (const icon of manifest.icons as { src: string; type: string }[]) {
    const response = await request.get(new URL(icon.src, page.url()).href);
    expect(response.ok()).toBe(true);
    expect(response.headers()['content-type']).toMatch(/image\/png/);
    // A PNG starts with its 8-byte signature.
    expect([...(await response.body()).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  }
});

test('Fashion-MNIST files are cached the first time they are used', async ({ page, context }) => {
  await page.goto('/');
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // The first four bytes of an IDX labels file (magic 0x0801) as the page sees them: the server's gzip
  // Content-Encoding is undone by the browser, from the network and from the cache alike.
  const head = (file: string) =>
    page.evaluate(async (url) => {
      try {
        const response = await fetch(url);
        const bytes = new Uint8Array(await response.arrayBuffer());
        return `${response.status} ${Array.from(bytes.subarray(0, 4)).join(',')} ${bytes.length}`;
      } catch (error) {
        return (error as Error).name;
      }
    }, `data/fashion-mnist/${file}`);
  const online = await head('train-labels-idx1-ubyte.gz');
  expect(online).toMatch(/^200 0,0,8,1 60008$/);

  await context.route('**/*', (route) => route.abort('internetdisconnected'));
  await context.setOffline(true);
  expect(await head('train-labels-idx1-ubyte.gz')).toBe(online);
  // A file never used is not downloaded ahead of time (31 MB would be a heavy first visit).
  expect(await head('t10k-labels-idx1-ubyte.gz')).toBe('TypeError');
  await context.setOffline(false);
});

// Issue 23: a damaged file on the first visit must not stick in the offline cache. These run the real
// service worker over a plain static host (e2e/static-host.ts) that first serves a bad file and is then fixed.
const LABELS = '/data/mnist/train-labels-idx1-ubyte.gz';
const goodLabels = readFileSync(path.resolve('dist', `.${LABELS}`));

/** Waits until the service worker is active and controls the page. */
async function controlled(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Reloads with every request failing as if the network were down; the page must come from the cache. */
async function reloadOffline(page: Page, context: BrowserContext): Promise<void> {
  await context.route('**/*', (route) => route.abort('internetdisconnected'));
  await context.setOffline(true);
  await page.reload();
  await expectDatasetsLoaded(page, 60_000);
  await context.setOffline(false);
  await context.unroute('**/*');
}

const BAD_FIRST: { name: string; answer: () => Answer; message: RegExp }[] = [
  {
    name: 'a truncated data file',
    answer: () => ({
      status: 200,
      body: goodLabels.subarray(0, goodLabels.length >> 1),
      type: 'application/gzip',
    }),
    message: /train-labels-idx1-ubyte\.gz.*(ended|truncated|cut short)/,
  },
  {
    name: "a single-page-app fallback's index.html",
    answer: () => ({ status: 200, body: readFileSync(path.resolve('dist/index.html')), type: 'text/html' }),
    message: /train-labels-idx1-ubyte\.gz is missing \(the server sent an HTML page instead\)/,
  },
];

for (const bad of BAD_FIRST) {
  test(`${bad.name} on the first visit is not cached: Retry loads the fixed file, which then works offline`, async ({
    page,
    context,
  }) => {
    const host = await startStaticHost();
    try {
      host.override(LABELS, bad.answer());
      await page.goto(host.url);
      const status = page.getByTestId('dataset-status');
      await expect(status).toContainText(bad.message, { timeout: 60_000 });
      await controlled(page);

      host.override(LABELS, null); // the server is fixed
      await page.getByRole('button', { name: 'Retry' }).click();
      await expectDatasetsLoaded(page, 60_000);
      await page.reload();
      await expectDatasetsLoaded(page, 60_000);
      await reloadOffline(page, context);
    } finally {
      await host.close();
    }
  });
}

test('a damaged copy already in the cache is checked before use, evicted and fetched again', async ({
  page,
  context,
}) => {
  const host = await startStaticHost();
  try {
    await page.goto(host.url);
    await expectDatasetsLoaded(page, 60_000);
    await controlled(page);
    // Whatever cache holds the labels file (an older version's, say) gets a truncated copy in its place.
    const poisoned = await page.evaluate(
      async ({ file, length }) => {
        let count = 0;
        for (const name of await caches.keys()) {
          const cache = await caches.open(name);
          for (const request of await cache.keys()) {
            if (!new URL(request.url).pathname.endsWith(file)) continue;
            const whole = new Uint8Array(await (await cache.match(request))!.arrayBuffer());
            await cache.put(
              request,
              new Response(whole.slice(0, length), { headers: { 'content-type': 'application/gzip' } }),
            );
            count++;
          }
        }
        return count;
      },
      { file: LABELS, length: goodLabels.length >> 1 },
    );
    expect(poisoned).toBeGreaterThan(0);
    const before = host.requested.filter((p) => p === LABELS).length;
    await page.reload();
    await expectDatasetsLoaded(page, 60_000);
    // The damaged copy was refused and the file fetched again from the server.
    expect(host.requested.filter((p) => p === LABELS).length).toBeGreaterThan(before);
    await reloadOffline(page, context);
  } finally {
    await host.close();
  }
});
