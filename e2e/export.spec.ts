// Export and import through the header menus: a trained LeNet-5 saved as a project and imported after a
// reload predicts exactly as before; the PyTorch zip is a valid archive; damaged or misshapen files are
// refused with a message naming the problem, and nothing changes.
import { mkdir, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { exportWeights } from '../src/network/export/weights-file';
import { randomWeights } from '../src/network/export/testing/random-weights';
import { DEFAULT_HYPER } from '../src/network/hyper';
import { presetSpec } from '../src/network/presets';
import { writeProject } from '../src/network/project/project';
import { readZip } from '../src/network/project/zip-read';
import type { NetworkSpec } from '../src/network/spec';
import {
  downloadOf,
  drawAndRead,
  expectDatasetsLoaded,
  expectLeNet,
  notice,
  openLoaded,
  openPanel,
  readBars,
} from './app';

test('a trained project exported, then imported after a reload, predicts exactly as before', async ({
  page,
}) => {
  test.setTimeout(360_000);
  await openLoaded(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(page.getByTestId('train-loss')).toHaveText(/^\d/, { timeout: 90_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('trainer-state')).toHaveText(/^Paused/);
  const trained = await drawAndRead(page);

  const project = await downloadOf(page, 'Export project');
  expect(project.name).toBe('lenet-5.cnnp');
  await expect(notice(page, 'Saved lenet-5.cnnp')).toBeVisible();
  const files = readZip(project.bytes, { maxEntries: 2, maxNameBytes: 64 });
  if (!files.ok) throw new Error(files.error);
  expect(files.files.map((f) => f.name)).toEqual(['project.json', 'weights.safetensors']);

  const zip = await downloadOf(page, 'Export to PyTorch (.zip)');
  expect(zip.name).toBe('lenet-5-pytorch.zip');
  const bundle = readZip(zip.bytes, { maxEntries: 8, maxNameBytes: 64 });
  if (!bundle.ok) throw new Error(bundle.error);
  expect(bundle.files.map((f) => f.name)).toEqual([
    'model.py',
    'weights.safetensors',
    'train.py',
    'convert_pt.py',
    'README.txt',
  ]);
  const model = new TextDecoder().decode(bundle.files[0].data);
  expect(model).toContain('class LeNet5(nn.Module):');
  expect(model).toContain('def load_weights(');
  // The same model, the same weights file, whichever way it was exported.
  expect(bundle.files[1].data).toEqual(files.files[1].data);

  // After a reload the design is autosaved but the weights are the seed's initial ones again.
  await page.reload();
  await expectDatasetsLoaded(page);
  const fresh = await drawAndRead(page);
  expect(fresh).not.toEqual(trained);

  await page.getByLabel('Project file').setInputFiles({
    name: project.name,
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(project.bytes),
  });
  await expect(notice(page, 'Imported "LeNet-5"')).toContainText('with its trained weights');
  await expectLeNet(page);
  // Importing re-tests the model on the test set (slow on SwiftShader); predictions queue behind it.
  await expect(page.getByTestId('test-accuracy')).toHaveText(/^\d+\.\d%$/, { timeout: 150_000 });
  await openPanel(page, 'Test results');
  await expect(page.getByTestId('gallery-item').first()).toBeVisible();
  expect(await drawAndRead(page)).toEqual(trained);

  // Exported again, the imported weights are the same bytes; test images from the gallery come along.
  const again = await downloadOf(page, 'Export to PyTorch (.zip)');
  const second = readZip(again.bytes, { maxEntries: 8, maxNameBytes: 64 });
  if (!second.ok) throw new Error(second.error);
  expect(second.files.map((f) => f.name)).toEqual([
    'model.py',
    'weights.safetensors',
    'samples.safetensors',
    'train.py',
    'convert_pt.py',
    'README.txt',
  ]);
  expect(second.files[1].data).toEqual(files.files[1].data);
  await expect(notice(page, 'Exported lenet-5-pytorch.zip')).toContainText('and 8 test images');
});

test('a damaged project file is refused with the reason, and the design stays as it was', async ({
  page,
}, testInfo) => {
  await page.goto('/');
  await expectLeNet(page);
  // The menus work by keyboard: Enter opens, Tab reaches the items, Escape closes back to the toggle.
  const toggle = page.getByRole('button', { name: 'Import', exact: true });
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Import project…' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('group', { name: 'Import' })).toHaveCount(0);
  await expect(toggle).toBeFocused();

  const spec = presetSpec('tiny-cnn');
  const bytes = writeProject({ spec, hyper: DEFAULT_HYPER, weights: randomWeights(spec, 1) });
  bytes[60] ^= 0xff; // inside project.json
  await page.getByLabel('Project file').setInputFiles({
    name: 'damaged.cnnp',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(bytes),
  });
  await expect(
    notice(
      page,
      'Project not imported: this is not a CNN Playground project file: "project.json" is damaged',
    ),
  ).toContainText('Nothing was changed.');
  await expectLeNet(page);

  await page.getByLabel('Project file').setInputFiles({
    name: 'design.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"__proto__": {"polluted": true}}'),
  });
  await expect(notice(page, 'Project not imported')).toContainText('it is not a ZIP archive');
  await expectLeNet(page);

  // 100 MB (sparse on disk): refused by its size before the page reads it.
  const huge = join(testInfo.outputDir, 'huge.cnnp');
  await mkdir(testInfo.outputDir, { recursive: true });
  await writeFile(huge, '');
  await truncate(huge, 100 * 1024 * 1024);
  await page.getByLabel('Project file').setInputFiles(huge);
  await expect(notice(page, 'Project not imported')).toContainText(
    'Project not imported: the file is 100.0 MB, more than the 64.0 MB allowed. Nothing was changed.',
  );
  await expectLeNet(page);
  expect(await page.evaluate(() => ({}) as Record<string, unknown>)).not.toHaveProperty('polluted');
});

test('weights of the wrong shape are refused naming the tensor; fitting weights are loaded', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openLoaded(page);
  const before = await drawAndRead(page);

  const wide: NetworkSpec = presetSpec('lenet-5');
  wide.layers[0] = { ...wide.layers[0], out_channels: 8 } as NetworkSpec['layers'][number];
  await page.getByLabel('Weights file').setInputFiles({
    name: 'wide.safetensors',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(exportWeights(wide, randomWeights(wide, 3))),
  });
  await expect(notice(page, 'Weights not loaded')).toContainText(
    'tensor "conv1.weight" has shape [8,1,5,5] but this design needs [6,1,5,5]',
  );
  await expect(notice(page, 'Weights not loaded')).toContainText('Nothing was changed.');
  await expectLeNet(page);
  expect(await drawAndRead(page)).toEqual(before);

  // A PyTorch checkpoint (the first bytes of torch.save's legacy format) is refused unread, naming the converter.
  const legacy = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e];
  await page.getByLabel('Weights file').setInputFiles({
    name: 'lenet.pt',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from([...legacy, ...new Array<number>(64).fill(0)]),
  });
  await expect(notice(page, 'Weights not loaded')).toContainText('python3 convert_pt.py model.pt');

  const lenet = presetSpec('lenet-5');
  await page.getByLabel('Weights file').setInputFiles({
    name: 'other.safetensors',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(exportWeights(lenet, randomWeights(lenet, 3))),
  });
  await expect(notice(page, 'Loaded the weights of other.safetensors')).toBeVisible();
  // The digit already on the pad is classified again by the loaded model, with no new stroke.
  await expect.poll(() => readBars(page), { timeout: 150_000 }).not.toEqual(before);
  const refreshed = await readBars(page);
  expect(await drawAndRead(page)).toEqual(refreshed);
});
