import { expect, test } from '@playwright/test';

// The playground is self-contained: fonts, data and code all come from its own origin.
test('every request the page makes is same-origin', async ({ page, baseURL }) => {
  const origin = new URL(baseURL ?? '').origin;
  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'Network builder' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(urls.length).toBeGreaterThan(0);
  const foreign = urls.filter(
    (url) => !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin,
  );
  expect(foreign).toEqual([]);
});
