// LeNet-5 as the builder's e2e tests enter it: each layer's kind and the parameters set in the inspector
// (in_channels / in_features are wired from the previous layer).
import { expect, type Page } from '@playwright/test';

export const LENET: { kind: string; params?: Record<string, string> }[] = [
  { kind: 'Conv2d', params: { out_channels: '6', kernel_size: '5', padding: '2' } },
  { kind: 'ReLU' },
  { kind: 'MaxPool2d' },
  { kind: 'Conv2d', params: { out_channels: '16', kernel_size: '5' } },
  { kind: 'ReLU' },
  { kind: 'MaxPool2d' },
  { kind: 'Flatten' },
  { kind: 'Linear', params: { out_features: '120' } },
  { kind: 'ReLU' },
  { kind: 'Linear', params: { out_features: '84' } },
  { kind: 'ReLU' },
  { kind: 'Linear', params: { out_features: '10' } },
];

export const LENET_SHAPES = [
  '6×28×28',
  '6×28×28',
  '6×14×14',
  '16×10×10',
  '16×10×10',
  '16×5×5',
  '400',
  '120',
  '120',
  '84',
  '84',
  '10',
];

export const cards = (page: Page) => page.getByTestId('layer-card');

/** Starts from an empty network on a fresh page. */
export async function openEmpty(page: Page): Promise<void> {
  await page.goto('/');
  await page.getByRole('button', { name: 'Clear network' }).click();
  await expect(cards(page)).toHaveCount(0);
}

export async function expectLeNet(page: Page): Promise<void> {
  await expect(cards(page)).toHaveCount(LENET.length);
  for (let i = 0; i < LENET.length; i++) {
    await expect(cards(page).nth(i)).toHaveAttribute('data-kind', LENET[i].kind);
    await expect(cards(page).nth(i).getByTestId('layer-shape')).toHaveText(LENET_SHAPES[i]);
  }
  await expect(page.getByTestId('total-params')).toHaveText('61,706');
  await expect(page.locator('[aria-invalid="true"]')).toHaveCount(0);
}
