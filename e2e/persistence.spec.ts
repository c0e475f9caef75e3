import { expect, test, type Page } from '@playwright/test';
import { cards, expectLeNet, notice, openPanel, showOutline } from './app';

const KEY = 'cnn-playground/autosave/v2';

const storedKeys = (page: Page) =>
  page.evaluate(() =>
    Object.fromEntries(
      Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i) ?? '').map((k) => [
        k,
        localStorage.getItem(k),
      ]),
    ),
  );

const CORRUPT: [string, string][] = [
  ['bad JSON', '{"format":"cnn-playground-autosave","version":2,"spec":"{'],
  [
    'a design that fails validation',
    JSON.stringify({
      format: 'cnn-playground-autosave',
      version: 2,
      spec: JSON.stringify({ version: 1, name: 'x', layers: [{ kind: 'Conv2d', out_channels: 1e9 }] }),
      hyper: '{}',
    }),
  ],
];

for (const [what, text] of CORRUPT) {
  test(`an autosave with ${what} is kept aside with a notice and LeNet-5 opens`, async ({ page }) => {
    // Only before the first load: the reload at the end must see what the app itself stored.
    await page.addInitScript(
      ([key, value]) => {
        if (!sessionStorage.getItem('seeded')) {
          sessionStorage.setItem('seeded', '1');
          localStorage.setItem(key, value);
        }
      },
      [KEY, text],
    );
    await page.goto('/');
    const unread = notice(page, 'Your last autosave could not be read');
    await expect(unread).toContainText(`it was kept aside as "${KEY}.quarantine.`);
    await expect(unread).toContainText('and the default design was loaded.');
    await expectLeNet(page);

    const stored = await storedKeys(page);
    const aside = Object.keys(stored).filter((k) => k.startsWith(`${KEY}.quarantine.`));
    expect(aside).toHaveLength(1);
    expect(stored[aside[0]]).toBe(text);
    await expect(unread).toContainText(aside[0]);

    // The default design works: it trains a step, and the notice can be dismissed.
    await expect(page.getByTestId('dataset-status')).toHaveText(/images loaded$/, { timeout: 60_000 });
    await page.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(page.getByTestId('train-loss')).toHaveText(/^\d+\.\d{3}$/, { timeout: 60_000 });
    await page.getByRole('button', { name: 'Dismiss notice' }).click();
    await expect(unread).toHaveCount(0);

    // A reload opens quietly, with the quarantined copy still there.
    await page.reload();
    await expectLeNet(page);
    await expect(page.getByText('Your last autosave could not be read')).toHaveCount(0);
    expect((await storedKeys(page))[aside[0]]).toBe(text);
  });
}

test('a reload keeps an edited design and its hyperparameters', async ({ page }) => {
  await page.goto('/');
  await expectLeNet(page);
  await showOutline(page);
  await page.getByRole('button', { name: 'Duplicate layer 2 (ReLU)' }).click();
  await expect(cards(page)).toHaveCount(13);
  await openPanel(page, 'Hyperparameters');
  const seed = page.getByLabel('Seed', { exact: true });
  await seed.fill('4242');
  await seed.blur();
  // Reloaded at once: the autosave is written when the page goes away, not only after its short delay.
  await page.reload();
  await expect(cards(page)).toHaveCount(13);
  await expect(cards(page).nth(2)).toHaveAttribute('data-kind', 'ReLU');
  await openPanel(page, 'Hyperparameters');
  await expect(page.getByLabel('Seed', { exact: true })).toHaveValue('4242');
  const saved = JSON.parse((await storedKeys(page))[KEY] ?? '{}') as { spec: string; hyper: string };
  expect(JSON.parse(saved.spec).layers).toHaveLength(13);
  expect(JSON.parse(saved.hyper).seed).toBe(4242);
  await expect(notice(page, 'autosave')).toHaveCount(0);
});
