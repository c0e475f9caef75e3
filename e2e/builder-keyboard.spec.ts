import { expect, test, type Page } from '@playwright/test';
import { cards, expectLeNet, LENET, openEmpty, showOutline } from './app';

async function typeInto(page: Page, label: string, value: string): Promise<void> {
  await page.getByRole('region', { name: 'Inspector' }).getByLabel(label, { exact: true }).focus();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(value);
}

test('builds LeNet-5 from an empty network with the keyboard only', async ({ page }) => {
  await openEmpty(page);
  await page.getByRole('button', { name: 'Outline', exact: true }).press('Enter');
  await expect(page.getByRole('list', { name: 'Network layers' })).toBeVisible();
  // Pressing a palette entry adds the layer after the selected one (the last added).
  for (const layer of LENET.slice(0, 3)) {
    await page.getByRole('button', { name: `Add ${layer.kind}`, exact: true }).focus();
    await page.keyboard.press('Enter');
    for (const [name, value] of Object.entries(layer.params ?? {})) await typeInto(page, name, value);
  }
  // Build the rest with the second ReLU and MaxPool2d swapped, then put them right by keyboard drag.
  const rest = LENET.slice(3);
  [rest[1], rest[2]] = [rest[2], rest[1]];
  for (const layer of rest) {
    await page.getByRole('button', { name: `Add ${layer.kind}`, exact: true }).focus();
    await page.keyboard.press('Space');
    for (const [name, value] of Object.entries(layer.params ?? {})) await typeInto(page, name, value);
  }
  await expect(cards(page).nth(4)).toHaveAttribute('data-kind', 'MaxPool2d');
  // dnd-kit's keyboard sensor: Space picks the card up, arrows move it, Space drops it.
  const handle = page.getByRole('button', { name: 'Reorder layer 6 (ReLU)' });
  await handle.focus();
  const [relu, pool] = await Promise.all([5, 4].map((i) => cards(page).nth(i).getAttribute('data-layer-id')));
  await page.keyboard.press('Space');
  // dnd-kit announces each position in its live region once it has measured the cards.
  await expect(
    page.getByText(`Draggable item ${relu} was moved over droppable area ${relu}.`),
  ).toBeAttached();
  // The sensor starts listening for keys a timer tick after the pick-up, which a busy page can run after
  // the first announcement: press again only while the card has not moved at all.
  const home = page.getByText(`Draggable item ${relu} was moved over droppable area ${relu}.`);
  const overPool = page.getByText(`Draggable item ${relu} was moved over droppable area ${pool}.`);
  await expect(async () => {
    if (await home.count()) await page.keyboard.press('ArrowUp');
    await expect(overPool).toBeAttached({ timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await page.keyboard.press('Space');
  await expectLeNet(page);

  // Alt+arrows move the focused card too, and Undo puts it back.
  await page.getByRole('button', { name: 'Select layer 2 (ReLU)' }).focus();
  await page.keyboard.press('Alt+ArrowDown');
  await expect(cards(page).nth(2)).toHaveAttribute('data-kind', 'ReLU');
  await page.getByRole('button', { name: 'Undo' }).press('Enter');
  await expectLeNet(page);
});

test('duplicates and deletes layers from the keyboard', async ({ page }) => {
  await page.goto('/');
  await showOutline(page);
  await expect(cards(page)).toHaveCount(12);
  await page.getByRole('button', { name: 'Duplicate layer 2 (ReLU)' }).press('Enter');
  await expect(cards(page)).toHaveCount(13);
  await expect(cards(page).nth(2)).toHaveAttribute('data-kind', 'ReLU');
  await page.getByRole('button', { name: 'Delete layer 3 (ReLU)' }).press('Enter');
  await expectLeNet(page);
  await page.getByRole('button', { name: 'Select layer 12 (Linear)' }).press('Delete');
  await expect(cards(page)).toHaveCount(11);
});
