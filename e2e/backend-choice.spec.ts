import { expect, test } from '@playwright/test';
import { expectDatasetsLoaded } from './app';

// The webgpu project's pages start with WebGPU chosen (playwright.config.ts); this one starts automatic.
test.use({ storageState: { cookies: [], origins: [] } });

test('on SwiftShader, a software fallback adapter, the design trains where it measured faster; the menu overrides', async ({
  page,
}) => {
  await page.goto('/');
  const backend = page.getByTestId('backend');
  const reason = page.getByTestId('backend-reason');
  await expect(reason).toHaveText(
    /software fallback \(google swiftshader\), and .*measured faster.* for this design \(\d+(\.\d)? ms against \d+(\.\d)? ms a step\)$/,
    { timeout: 60_000 },
  );
  const measured = await backend.textContent();
  expect(['WebGPU', 'WebAssembly']).toContain(measured);
  await page.getByLabel('Run on').selectOption({ label: 'WebGPU' });
  await expect(backend).toHaveText('WebGPU');
  await expect(reason).toHaveText('WebGPU on google swiftshader, chosen in the backend menu');
  await expectDatasetsLoaded(page);
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByTestId('train-loss')).toHaveText(/^\d+\.\d{3}$/, { timeout: 60_000 });
});
