import { expect, test } from '@playwright/test';

test('reports a SwiftShader WebGPU adapter and its features', async ({ page }) => {
  await page.goto('/');
  const status = page.getByRole('region', { name: 'WebGPU status' });
  await expect(status.getByTestId('gpu-architecture')).toBeVisible();
  const vendor = (await status.getByTestId('gpu-vendor').textContent()) ?? '';
  const architecture = (await status.getByTestId('gpu-architecture').textContent()) ?? '';
  expect(architecture === 'swiftshader' || vendor === 'google').toBe(true);
  await status.locator('summary').click();
  await expect(status.getByTestId('gpu-f16')).toHaveText(/^(yes|no)$/);
  await expect(status.getByTestId('gpu-subgroups')).toHaveText(/^(yes|no)$/);
  await expect(status.getByText('maxStorageBufferBindingSize')).toBeVisible();
  await expect(page.getByRole('alert', { name: 'WebGPU unavailable' })).toHaveCount(0);
});

test('has the builder, training and charts regions', async ({ page }) => {
  await page.goto('/');
  for (const name of ['Network builder', 'Training', 'Charts']) {
    await expect(page.getByRole('region', { name, exact: true })).toBeVisible();
  }
});
