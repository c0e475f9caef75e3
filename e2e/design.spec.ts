import { expect, test } from '@playwright/test';
import { cards, expectLeNet, notice, openPanel, showOutline } from './app';

test('a shape error is marked on the diagram, blocks training, and one click fixes it', async ({ page }) => {
  await page.goto('/');
  await expectLeNet(page);
  // Select the Flatten node, then its delete button.
  await cards(page).nth(6).click();
  await page.getByRole('button', { name: 'Delete layer 7 (Flatten)' }).click();
  const broken = cards(page).nth(6);
  await expect(broken).toHaveAttribute('data-kind', 'Linear');
  // The node and the edge into it are marked, the node says what is wrong (and so does its name).
  await expect(page.getByRole('group', { name: /^Layer 7 of 11: Linear/ })).toHaveAttribute(
    'aria-invalid',
    'true',
  );
  await expect(broken).toHaveClass(/has-error/);
  await expect(broken).toContainText('Linear expects a flat input');
  await expect(page.locator('[data-testid="edge-label"][data-target="fc1"]')).toHaveClass(/has-error/);
  const train = page.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toBeDisabled();
  await expect(page.locator('#train-blocked')).toContainText(
    'Fix the network first: Linear expects a flat input',
  );
  await broken.getByRole('button', { name: 'Fix: Insert Flatten' }).click();
  await expectLeNet(page);
  await expect(page.getByText(/Fix the network first/)).toHaveCount(0);
  await expect(train).toBeEnabled();
});

test('the design survives a reload', async ({ page }) => {
  await page.goto('/');
  await showOutline(page);
  await page.getByRole('button', { name: 'Select layer 1 (Conv2d)' }).click();
  await page.getByRole('region', { name: 'Inspector' }).getByLabel('out_channels', { exact: true }).fill('8');
  await expect(cards(page).nth(0).getByTestId('layer-shape')).toHaveText('8×28×28');
  await page.getByRole('button', { name: 'Delete layer 11 (ReLU)' }).click();
  await expect(cards(page)).toHaveCount(11);
  await openPanel(page, 'Hyperparameters');
  await page.getByLabel('Seed').fill('1234');
  // Autosave is debounced; wait until it has written the latest design.
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('cnn-playground/autosave/v2')?.length ?? 0))
    .toBeGreaterThan(0);
  await page.waitForFunction(() => {
    const saved = localStorage.getItem('cnn-playground/autosave/v2');
    return saved !== null && JSON.parse(JSON.parse(saved).hyper).seed === 1234;
  });
  await page.reload();
  await expect(cards(page)).toHaveCount(11);
  await expect(cards(page).nth(0).getByTestId('layer-shape')).toHaveText('8×28×28');
  await openPanel(page, 'Hyperparameters');
  await expect(page.getByLabel('Seed')).toHaveValue('1234');
});

test('a share link restores the design and hyperparameters in a fresh browser context', async ({
  page,
  browser,
  baseURL,
}) => {
  await page.goto('/');
  await page.getByRole('combobox', { name: 'Preset' }).selectOption({ label: 'Tiny CNN' });
  await page.getByRole('button', { name: 'Load preset' }).click();
  await openPanel(page, 'Hyperparameters');
  await page.getByLabel('Learning rate', { exact: true }).fill('0.005');
  await page.getByLabel('Seed').fill('99');
  const kinds = await cards(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
  await page.getByRole('button', { name: 'Share' }).click();
  const url = await page.getByLabel('Share link').inputValue();
  expect(url.startsWith(`${baseURL}/#`)).toBe(true);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(url);
  await expect(cards(other)).toHaveCount(kinds.length);
  expect(await cards(other).evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual(kinds);
  await openPanel(other, 'Hyperparameters');
  await expect(other.getByLabel('Learning rate', { exact: true })).toHaveValue('0.005');
  await expect(other.getByLabel('Seed')).toHaveValue('99');
  await fresh.close();
});

test('a damaged share link is refused with a message and changes nothing', async ({ page }) => {
  await page.goto('/#AAAA*not-a-design');
  await expect(notice(page, "The link's design was not loaded")).toBeVisible();
  await expectLeNet(page);
});

test('loading a preset over unsaved edits asks first', async ({ page }) => {
  await page.goto('/');
  await showOutline(page);
  await page.getByRole('button', { name: 'Delete layer 12 (Linear)' }).click();
  await page.getByRole('combobox', { name: 'Preset' }).selectOption({ label: 'MLP' });
  await page.getByRole('button', { name: 'Load preset' }).click();
  const dialog = page.getByRole('dialog', { name: 'Replace the design?' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(cards(page)).toHaveCount(11);
  await page.getByRole('button', { name: 'Load preset' }).click();
  await dialog.getByRole('button', { name: 'Replace' }).click();
  await expect(cards(page).first()).toHaveAttribute('data-kind', 'Flatten');
  // Undo brings the edited design back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(cards(page)).toHaveCount(11);
});
