import { expect, test, type Locator, type Page } from '@playwright/test';
import { cards, expectLeNet, LENET, openEmpty, showOutline } from './app';

// Tall enough that the whole LeNet-5 list stays in view while dragging.
test.use({ viewport: { width: 1280, height: 1200 } });

/** A real mouse drag (press, move in steps, release), as dnd-kit's mouse sensor expects. */
async function drag(page: Page, from: Locator, to: { x: number; y: number }): Promise<void> {
  const box = await from.boundingBox();
  if (!box) throw new Error('drag source is not visible');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 12, box.y + box.height / 2, { steps: 3 });
  await page.mouse.move(to.x, to.y, { steps: 12 });
  await page.mouse.up();
}

async function dropAtEnd(page: Page, kind: string): Promise<void> {
  // The outline scrolls inside the builder: its end is brought into view to drop on.
  const outline = page.getByRole('list', { name: 'Network layers' });
  await outline.evaluate((el) => el.scrollIntoView({ block: 'end' }));
  const list = await outline.boundingBox();
  if (!list) throw new Error('network list is not visible');
  await drag(page, page.getByRole('button', { name: `Add ${kind}`, exact: true }), {
    x: list.x + list.width / 2,
    y: list.y + list.height - 12,
  });
}

async function setParams(page: Page, params: Record<string, string> = {}): Promise<void> {
  const inspector = page.getByRole('region', { name: 'Inspector' });
  for (const [name, value] of Object.entries(params)) {
    await inspector.getByLabel(name, { exact: true }).fill(value);
  }
}

test('builds LeNet-5 from an empty network by dragging with the mouse', async ({ page }) => {
  await openEmpty(page);
  await showOutline(page);
  // Every layer but the first ReLU is dropped at the end of the list...
  for (const [i, layer] of LENET.entries()) {
    if (i === 1) continue;
    await dropAtEnd(page, layer.kind);
    await setParams(page, layer.params);
  }
  await expect(cards(page)).toHaveCount(LENET.length - 1);
  // ...and the ReLU is dropped onto the upper half of the MaxPool2d card, so it lands before it.
  const pool = await cards(page).nth(1).boundingBox();
  if (!pool) throw new Error('card 2 is not visible');
  await drag(page, page.getByRole('button', { name: 'Add ReLU', exact: true }), {
    x: pool.x + pool.width / 2,
    y: pool.y + pool.height * 0.25,
  });
  await expectLeNet(page);
});

test('reorders layers by dragging a card handle', async ({ page }) => {
  await page.goto('/');
  await showOutline(page);
  await expect(cards(page)).toHaveCount(12);
  const target = await cards(page).nth(0).boundingBox();
  if (!target) throw new Error('card 1 is not visible');
  await drag(page, page.getByRole('button', { name: 'Reorder layer 3 (MaxPool2d)' }), {
    x: target.x + 20,
    y: target.y + 4,
  });
  await expect(cards(page).nth(0)).toHaveAttribute('data-kind', 'MaxPool2d');
  await expect(cards(page).nth(1)).toHaveAttribute('data-kind', 'Conv2d');
});
