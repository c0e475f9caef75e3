import { expect, test } from '@playwright/test';

// Runs in the 'no-webgpu' project: the same Chromium launched without the WebGPU flags.
test('explains that WebGPU is missing, where to get it, and that the CPU backend still trains', async ({
  page,
}) => {
  await page.goto('/');
  const notice = page.getByRole('alert', { name: 'WebGPU unavailable' });
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('WebGPU is not available in this browser');
  await expect(notice).toContainText('CPU backend');
  await expect(notice).toContainText('Chrome and Edge 113+');
  await expect(notice).toContainText('Safari 26+');
  await expect(notice).toContainText('Firefox 141+');
  await expect(page.getByTestId('gpu-architecture')).toHaveCount(0);
  await expect(page.getByTestId('backend')).toHaveText('CPU');
});
