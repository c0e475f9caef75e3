import { expect, test } from '@playwright/test';
import { expectDatasetsLoaded, stepCount } from './app';

// Runs in the 'no-webgpu' project: the same Chromium launched without the WebGPU flags, so the worker
// trains on the WebAssembly SIMD ops (on two threads: the preview server isolates the page).
test('explains that WebGPU is missing, and trains on WebAssembly, saying so in the status line', async ({
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
  await expect(page.getByTestId('backend')).toHaveText('WebAssembly');
  await expect(page.getByTestId('backend-reason')).toHaveText(
    /^WebAssembly, \d threads?: WebGPU is present but no GPU adapter was found\.$/,
  );
  await expectDatasetsLoaded(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => stepCount(page), { timeout: 60_000 }).toBeGreaterThan(40);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByTestId('train-loss')).toHaveText(/^\d+\.\d{3}$/);
  expect(Number(await page.getByTestId('train-loss').textContent())).toBeLessThan(1.5);
});

test('the backend menu overrides the choice, moves the model, and is kept after a reload', async ({
  page,
}) => {
  await page.goto('/');
  await expectDatasetsLoaded(page);
  const backend = page.getByTestId('backend');
  const reason = page.getByTestId('backend-reason');
  const menu = page.getByLabel('Run on');
  await expect(backend).toHaveText('WebAssembly');
  await expect(menu).toHaveValue('auto');
  const step = page.getByRole('button', { name: 'Step', exact: true });
  await step.click();
  await expect.poll(() => stepCount(page)).toBe(1);

  await menu.selectOption({ label: 'JavaScript' });
  await expect(backend).toHaveText('JavaScript');
  await expect(reason).toHaveText('plain JavaScript, as chosen');
  // The model moved with its step count: the next step is the second.
  await step.click();
  await expect.poll(() => stepCount(page)).toBe(2);

  await page.reload();
  await expect(page.getByLabel('Run on')).toHaveValue('js');
  await expect(backend).toHaveText('JavaScript');
  await page.getByLabel('Run on').selectOption({ label: 'Automatic' });
  await expect(backend).toHaveText('WebAssembly');
  expect(await page.evaluate(() => localStorage.getItem('cnn-playground/backend/v1'))).toBeNull();
});
