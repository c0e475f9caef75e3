// The Preset menu as a newcomer uses it (issue 16): a generative preset shows its network and leads to
// the place where it trains, and the menu tells the truth about the design after an import.
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_HYPER } from '../src/network/hyper';
import { presetSpec } from '../src/network/presets';
import { writeProject } from '../src/network/project/project';
import type { NetworkSpec } from '../src/network/spec';
import { cards, expectDatasetsLoaded, expectLeNet, notice } from './app';

const presetMenu = (page: Page) => page.getByRole('combobox', { name: 'Preset' });

async function loadPreset(page: Page, name: string): Promise<void> {
  await presetMenu(page).selectOption({ label: name });
  await page.getByRole('button', { name: 'Load preset' }).click();
}

test('a generative preset shows its network, and Train leads to where it trains with its own loss', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await expectDatasetsLoaded(page);
  await loadPreset(page, 'Conv autoencoder');
  await expect(cards(page)).toHaveCount(presetSpec('autoencoder').layers.length);
  await expect(cards(page).and(page.locator('[data-layer-id="bottleneck"]'))).toHaveCount(1);

  // The classifier's Train does not silently train the hidden LeNet-5: it says where this one trains.
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeDisabled();
  await expect(page.locator('#train-blocked')).toContainText(
    'The builder holds an autoencoder: it trains in the Generate images panel.',
  );
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('Space');
  await expect(notice(page, 'Space: The builder holds an autoencoder')).toBeVisible();
  await expect(page.getByTestId('trainer-state')).toHaveText('Ready');
  await expect(notice(page, 'hyperparameters refused')).toHaveCount(0);

  await page.getByRole('button', { name: 'Go to Generate images' }).click();
  const panel = page.getByRole('region', { name: 'Generate images' });
  await expect(panel.getByRole('button', { name: 'Autoencoder', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  const trainAutoencoder = panel.getByRole('button', { name: 'Train autoencoder' });
  await expect(trainAutoencoder).toBeFocused();
  await expect(panel.getByLabel('Loss')).toHaveValue('bce');
  await panel.getByLabel('Batch size').fill('16');
  await trainAutoencoder.click();
  await expect(panel.getByTestId('Reconstruction loss-chart')).not.toHaveAttribute('data-points', '0', {
    timeout: 60_000,
  });
  await panel.getByRole('button', { name: 'Pause generation' }).click();
  await expect(page.getByTestId('trainer-state')).toHaveText('Ready');

  // A DCGAN network comes with its counterpart: the GAN mode is ready to train the pair.
  await loadPreset(page, 'DCGAN discriminator');
  await expect(cards(page)).toHaveCount(presetSpec('dcgan-discriminator').layers.length);
  await expect(cards(page).last()).toHaveAttribute('data-kind', 'Linear');
  await expect(panel.getByRole('button', { name: 'GAN', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(panel.getByRole('tab', { name: 'Discriminator' })).toHaveAttribute('aria-selected', 'true');
  await expect(panel.getByRole('button', { name: 'Train GAN' })).toBeEnabled();
  await expect(page.locator('#train-blocked')).toContainText("The builder holds a GAN's discriminator");

  // And a classifier preset brings the classifier's Train back.
  await loadPreset(page, 'LeNet-5');
  await expectLeNet(page);
  await expect(train).toBeEnabled();
});

test('the Preset menu names the design an imported project holds', async ({ page }) => {
  await page.goto('/');
  await expectLeNet(page);
  await expect(presetMenu(page)).toHaveValue('lenet-5');
  const importProject = async (spec: NetworkSpec, file: string) =>
    page.getByLabel('Project file').setInputFiles({
      name: file,
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(writeProject({ spec, hyper: DEFAULT_HYPER })),
    });

  // A design of its own: the menu does not claim it is a preset.
  const own = presetSpec('mlp');
  own.name = 'My wide MLP';
  own.layers = own.layers.map((l) =>
    l.kind === 'Linear' && l.id === 'fc1' ? { ...l, out_features: 256 } : l,
  );
  await importProject(own, 'wide.cnnp');
  await expect(notice(page, 'Imported "My wide MLP"')).toBeVisible();
  await expect(presetMenu(page)).toHaveValue('');
  await expect(presetMenu(page).locator('option:checked')).toHaveText('My wide MLP (not a preset)');

  // A preset's design, unchanged: the menu names that preset.
  await importProject(presetSpec('tiny-cnn'), 'tiny.cnnp');
  await expect(notice(page, 'Imported "Tiny CNN"')).toBeVisible();
  await expect(presetMenu(page)).toHaveValue('tiny-cnn');
});
