// Issue 23, break 1: a share link never replaces the user's design. It opens beside it: the design the user
// had is kept in the Designs menu, from where it comes back, edits and all, across reloads.
import { expect, test, type Page } from '@playwright/test';
import { DEFAULT_HYPER } from '../src/network/hyper';
import { presetSpec } from '../src/network/presets';
import { encodeShareState } from '../src/network/share';
import { SHOTS, cards, expectLeNet, notice } from './app';

const AUTOSAVE = 'cnn-playground/autosave/v2';
const MLP_LINK = encodeShareState({ spec: presetSpec('mlp'), hyper: { ...DEFAULT_HYPER, lr: 0.01 } });

const autosave = (page: Page) => page.evaluate((key) => localStorage.getItem(key), AUTOSAVE);

/** Opens the Designs menu and returns its panel. */
async function designsMenu(page: Page) {
  const toggle = page.getByRole('button', { name: 'Designs', exact: true });
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  return page.getByRole('group', { name: 'Designs' });
}

test('a share link opens beside the autosaved design, which comes back from Designs', async ({ page }) => {
  // The user's design: LeNet-5 without its last ReLU, autosaved.
  await page.goto('/');
  await expectLeNet(page);
  // A node of the diagram shows its delete button once selected.
  await cards(page).nth(10).click();
  await page.getByRole('button', { name: 'Delete layer 11 (ReLU)' }).click();
  await expect(cards(page)).toHaveCount(11);
  await expect
    .poll(async () => JSON.parse((await autosave(page)) ?? '{}').spec?.length ?? 0)
    .toBeGreaterThan(0);
  await expect
    .poll(async () => JSON.parse(JSON.parse((await autosave(page)) ?? '{}').spec ?? '{}').layers?.length)
    .toBe(11);
  const mine = await autosave(page);

  // A classmate's link: the MLP opens, and the page says where the user's design went.
  await page.goto('about:blank');
  await page.goto(`/#${MLP_LINK}`);
  await expect(cards(page)).toHaveCount(4);
  await expect(
    notice(
      page,
      'Opened the link\'s design "MLP". Your design "LeNet-5" was kept: open it again from Designs.',
    ),
  ).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/designs-link-opened.png` });

  // One edit to the link's design and a reload: both designs are still there.
  await cards(page).nth(2).click();
  await page.getByRole('button', { name: 'Delete layer 3 (ReLU)' }).click();
  await expect(cards(page)).toHaveCount(3);
  await page.reload();
  await expect(cards(page)).toHaveCount(3);
  const menu = await designsMenu(page);
  await expect(menu).toContainText('Open now: MLP');
  const kept = menu.getByRole('list', { name: 'Kept designs' }).getByRole('listitem');
  await expect(kept).toHaveCount(1);
  await expect(kept.first()).toContainText('LeNet-5');
  await expect(kept.first()).toContainText('11 layers, kept');
  await page.screenshot({ path: `${SHOTS}/designs-menu.png` });

  // Open brings the user's design back exactly as it was autosaved; the edited MLP is kept in its place.
  await menu.getByRole('button', { name: /^Open kept design LeNet-5/ }).click();
  await expect(notice(page, 'Opened "LeNet-5". "MLP" was kept in Designs.')).toBeVisible();
  await expect(cards(page)).toHaveCount(11);
  await expect(cards(page).nth(10)).toHaveAttribute('data-kind', 'Linear');
  await page.reload();
  await expect(cards(page)).toHaveCount(11);
  expect(JSON.parse((await autosave(page))!).spec).toBe(JSON.parse(mine!).spec);
  const again = await designsMenu(page);
  await again.getByRole('button', { name: /^Open kept design MLP/ }).click();
  await expect(cards(page)).toHaveCount(3);
});

test('a link to the design already open keeps no copy', async ({ page }) => {
  await page.goto(`/#${MLP_LINK}`);
  await expect(cards(page)).toHaveCount(4);
  await page.goto('about:blank');
  await page.goto(`/#${MLP_LINK}`);
  await expect(cards(page)).toHaveCount(4);
  await expect(notice(page, 'kept')).toHaveCount(0);
  const menu = await designsMenu(page);
  await expect(menu.getByText('No other designs kept yet.')).toBeVisible();
});
