// The "Your own data" panel as the e2e specs drive it: its classes, the example pad and three shapes to draw.
import type { Page } from '@playwright/test';
import { openPanel } from './app';

export type Stroke = readonly (readonly [number, number])[];
/** Three shapes a class of pupils might draw, moved a little each time by `k`. */
export const SHAPES: Record<string, (k: number) => Stroke> = {
  bar: (k) => [
    [0.2, 0.45 + 0.02 * (k % 4)],
    [0.8, 0.45 + 0.02 * (k % 4)],
  ],
  pole: (k) => [
    [0.45 + 0.02 * (k % 4), 0.2],
    [0.45 + 0.02 * (k % 4), 0.8],
  ],
  vee: (k) => [
    [0.25 + 0.01 * (k % 3), 0.25],
    [0.5, 0.75 - 0.02 * (k % 3)],
    [0.75 - 0.01 * (k % 3), 0.25],
  ],
};
export const NAMES = Object.keys(SHAPES);

export const panel = (page: Page) => page.getByRole('region', { name: 'Your own data' });
export const classCounts = (page: Page) => panel(page).getByTestId('class-count');

export async function drawExample(page: Page, stroke: Stroke): Promise<void> {
  const pad = panel(page).getByLabel(/^Example pad/);
  await pad.scrollIntoViewIfNeeded();
  const box = (await pad.boundingBox())!;
  const at = ([x, y]: readonly [number, number]) => [box.x + x * box.width, box.y + y * box.height] as const;
  await page.mouse.move(...at(stroke[0]));
  await page.mouse.down();
  for (const p of stroke.slice(1)) await page.mouse.move(...at(p), { steps: 6 });
  await page.mouse.up();
  await panel(page)
    .getByRole('button', { name: /^Add drawing to/ })
    .click();
}

/** Opens the panel (a tab beside the core loop) and adds classes of these names. */
export async function makeClasses(page: Page, names: string[]): Promise<void> {
  await openPanel(page, 'Your own data');
  for (const [i, name] of names.entries()) {
    await panel(page).getByRole('button', { name: 'Add class' }).click();
    await panel(page)
      .getByLabel(`Name of class ${i + 1}`)
      .fill(name);
  }
}
