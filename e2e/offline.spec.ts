import { expect, test } from '@playwright/test';

const LOADED = '60,000 training + 10,000 test images loaded';

// One visit installs the service worker, which precaches the app shell and MNIST; after that the page,
// its training worker and the dataset load with the network off (offline, and every request aborted).
test('after one visit the app and MNIST load with the network off', async ({ page, context }) => {
  await page.goto('/');
  await expect(page.getByTestId('dataset-status')).toHaveText(LOADED, { timeout: 60_000 });
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
  await expect(page.getByTestId('dataset-status')).toHaveText(LOADED, { timeout: 60_000 });
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
