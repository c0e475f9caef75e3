import { expect, test } from '@playwright/test';
import { expectDatasetsLoaded, openPanel, SHOTS } from './app';

// Without WebGPU (the no-webgpu project) the dense panel trains on the WebAssembly backend: the U-Net on
// 32×32 scenes trains, its loss falls, and its test scenes get label maps.
test.setTimeout(300_000);

test('without WebGPU the U-Net trains on WebAssembly, its loss falls and label maps render', async ({
  page,
}) => {
  await page.goto('/');
  await expectDatasetsLoaded(page);
  await expect(page.getByTestId('backend')).toHaveText('WebAssembly');
  await openPanel(page, 'Segmentation and detection');
  const panel = page.getByRole('region', { name: 'Segmentation and detection' });
  await panel.getByRole('button', { name: 'U-Net' }).click();
  await panel.getByLabel('Scene side').selectOption('32');
  await panel.getByLabel('Digit size from').fill('14');
  await panel.getByLabel('to', { exact: true }).nth(1).fill('22');
  await panel.getByRole('button', { name: 'Train segmentation' }).click();
  const state = panel.getByTestId('dense-state');
  const stepOf = async () => Number(/step (\d+)/.exec((await state.textContent()) ?? '')?.[1] ?? '0');
  await expect.poll(stepOf, { timeout: 180_000, intervals: [1000] }).toBeGreaterThanOrEqual(60);
  await panel.getByRole('button', { name: 'Pause segmentation' }).click();
  await expect(state).toContainText('paused');
  const loss = panel.getByTestId('dense-loss-chart');
  expect(Number(await loss.getAttribute('data-last'))).toBeLessThan(
    Number(await loss.getAttribute('data-first')),
  );
  await expect(panel.getByTestId('dense-predicted')).toHaveCount(6);
  await panel.screenshot({ path: `${SHOTS}/dense-no-webgpu.png` });
});
