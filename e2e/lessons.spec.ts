// Every lesson walked from its link to its last check, as a learner does it (training kept short), and at
// each step every control the lesson names is found on the page by its role and name or test id.
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { parseLesson, type Control, type Lesson } from '../src/lessons/schema';
import { cards, expectDatasetsLoaded, SHOTS } from './app';

test.setTimeout(300_000);

const DATA = new URL('../src/lessons/data/', import.meta.url);
const LESSONS: Lesson[] = readdirSync(DATA)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => {
    const parsed = parseLesson(JSON.parse(readFileSync(new URL(f, DATA), 'utf8')));
    if (!parsed.ok) throw new Error(`${f}: ${parsed.error}`);
    return parsed.lesson;
  });

const panel = (page: Page) => page.getByRole('complementary', { name: 'Lessons' });
const check = (page: Page) => panel(page).getByTestId('lesson-check');
const met = (page: Page, timeout = 30_000) =>
  expect(check(page)).toHaveAttribute('data-met', 'true', { timeout });

function control(page: Page, c: Control): Locator {
  return 'testid' in c ? page.getByTestId(c.testid) : page.getByRole(c.role, { name: c.name, exact: true });
}

const trainButton = (page: Page) => page.getByRole('button', { name: 'Train', exact: true });

/** Trains until the step's check is met, then pauses. */
async function trainUntilMet(page: Page, timeout = 120_000): Promise<void> {
  await expectDatasetsLoaded(page);
  await trainButton(page).click();
  await met(page, timeout);
  const pause = page.getByRole('button', { name: 'Pause', exact: true });
  if (await pause.isVisible()) await pause.click();
}

async function trainGenerative(page: Page, mode: 'autoencoder' | 'GAN'): Promise<void> {
  await expectDatasetsLoaded(page);
  const generate = page.getByRole('region', { name: 'Generate images' });
  await generate.getByLabel('Batch size').fill('16');
  await generate.getByRole('button', { name: `Train ${mode}` }).click();
  await met(page, 180_000);
  await generate.getByRole('button', { name: 'Pause generation' }).click();
}

/** Selects a layer by clicking its diagram node (or its outline card) until the inspector shows. A click while
 *  the diagram re-fits to a panel the step opened can land beside the moving node (seen once under load). */
const selectLayer = (page: Page, layerId: string) =>
  expect(async () => {
    await cards(page)
      .and(page.locator(`[data-layer-id="${layerId}"]`))
      .click();
    await expect(page.getByRole('region', { name: 'Inspector' })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });

/** Trains segmentation or the detector in its panel on small batches until the step's check is met. */
async function trainDense(page: Page, what: 'segmentation' | 'detector'): Promise<void> {
  await expectDatasetsLoaded(page);
  const dense = page.getByRole('region', { name: 'Segmentation and detection' });
  await dense.getByLabel('Batch size').fill('8');
  await dense.getByRole('button', { name: `Train ${what}` }).click();
  await met(page, 240_000);
  await dense.getByRole('button', { name: /^Pause / }).click();
  await expect(dense.getByTestId('dense-previews')).toBeVisible({ timeout: 60_000 });
}

async function setLayerParam(page: Page, layerId: string, param: string, value: string): Promise<void> {
  await selectLayer(page, layerId);
  await page.getByRole('region', { name: 'Inspector' }).getByLabel(param, { exact: true }).fill(value);
}

const lab = (page: Page) => panel(page).getByRole('group');

// What the learner does at each step, keyed lesson/step.
const ACTIONS: Record<string, (page: Page) => Promise<void>> = {
  'convolution/formula': (p) =>
    lab(p)
      .getByLabel('Kernel', { exact: true })
      .selectOption('edge')
      .then(() => undefined),
  'convolution/blur-sharpen': async (p) => {
    await lab(p).getByLabel('Kernel', { exact: true }).selectOption('blur');
    await expect(check(p)).toHaveAttribute('data-met', 'false');
    await lab(p).getByLabel('Kernel', { exact: true }).selectOption('sharpen');
  },
  'convolution/output-size': async (p) => {
    await lab(p).getByLabel('Stride', { exact: true }).fill('2');
    await lab(p).getByLabel('Padding', { exact: true }).fill('1');
    await expect(lab(p).getByTestId('kernel-formula')).toContainText('= 14');
  },
  'convolution/train': (p) => trainUntilMet(p),
  'convolution/learned': async (p) => {
    await panel(p).getByRole('button', { name: 'Show learned filters' }).click();
    await expect(panel(p).getByTestId('learned-filters').locator('canvas')).toHaveCount(16);
  },
  'pooling/max': (p) =>
    lab(p)
      .getByLabel('Pooling', { exact: true })
      .selectOption('max')
      .then(() => undefined),
  'pooling/average': (p) =>
    lab(p)
      .getByLabel('Pooling', { exact: true })
      .selectOption('avg')
      .then(() => undefined),
  'pooling/shape': async (p) => {
    await lab(p).getByLabel('Window', { exact: true }).fill('4');
    await expect(lab(p).getByTestId('pool-shape')).toContainText('1×7×7');
  },
  'pooling/in-the-network': async (p) => {
    await setLayerParam(p, 'pool1', 'kernel_size', '4');
    await expect(check(p)).toHaveAttribute('data-met', 'false');
    await p.getByRole('region', { name: 'Inspector' }).getByLabel('stride', { exact: true }).fill('4');
    await expect(cards(p).and(p.locator('[data-layer-id="pool1"]')).getByTestId('layer-shape')).toHaveText(
      '6×7×7',
    );
  },
  'tutorial-cnn/as-written': async (p) => {
    await expect(p.locator('[data-layer-id="conv1"]')).toContainText('in_channels is 3');
    await panel(p).getByRole('button', { name: 'Done', exact: true }).click();
  },
  'tutorial-cnn/channels': (p) => p.getByRole('button', { name: 'Fix: Set in_channels = 1' }).click(),
  'tutorial-cnn/flatten': (p) => p.getByRole('button', { name: 'Fix: Set in_features = 1600' }).click(),
  'tutorial-cnn/train': (p) => trainUntilMet(p),
  'training/too-high': async (p) => {
    await expectDatasetsLoaded(p);
    await trainButton(p).click();
    await met(p, 120_000);
    await expect(p.getByTestId('trainer-state')).toContainText(/diverg/i);
  },
  'training/too-low': (p) => trainUntilMet(p),
  'training/just-right': async (p) => {
    await p.locator('#lr-number').fill('0.003');
    await p.getByRole('button', { name: 'Reset', exact: true }).click();
    await trainUntilMet(p, 240_000);
  },
  'training/gap': async (p) => {
    await trainUntilMet(p);
    await expect(panel(p).getByTestId('gap-meter')).toContainText(/gap [+−]\d+\.\d points/);
  },
  'training/dropout': async (p) => {
    await selectLayer(p, 'relu1');
    await p.getByRole('button', { name: 'Add Dropout', exact: true }).press('Enter');
    await trainUntilMet(p);
    // The gap measured without Dropout stays beside the one with it.
    await expect(panel(p).getByTestId('gap-before')).toContainText(/Without Dropout the gap was [+−]\d/);
  },
  'transposed-convolution/scatter': (p) => lab(p).getByLabel('Stride', { exact: true }).fill('2'),
  'transposed-convolution/output-size': async (p) => {
    for (const [label, value] of [
      ['Input size', '7'],
      ['Kernel size', '3'],
      ['Stride', '2'],
      ['Padding', '1'],
      ['Output padding', '1'],
    ])
      await lab(p).getByLabel(label, { exact: true }).fill(value);
    await expect(lab(p).getByTestId('transpose-formula')).toContainText('= 14');
  },
  'transposed-convolution/autoencoder': (p) => trainGenerative(p, 'autoencoder'),
  'gan/players': async (p) => {
    await p.getByRole('tab', { name: 'Discriminator' }).click();
    await p.getByRole('tab', { name: 'Generator' }).click();
    await panel(p).getByRole('button', { name: 'Done', exact: true }).click();
  },
  'gan/train': async (p) => {
    await trainGenerative(p, 'GAN');
    await expect(p.getByTestId('digit-score')).toContainText(/Digit score: \d+\.\d\d of 10/);
  },
  'gan/score-rising': (p) =>
    p
      .getByRole('region', { name: 'Generate images' })
      .getByRole('button', { name: 'Load a GAN trained for 7,000 steps' })
      .click(),
  'gan/samples': (p) => panel(p).getByRole('button', { name: 'Done', exact: true }).click(),
  'gan/pick-a-digit': async (p) => {
    const generate = p.getByRole('region', { name: 'Generate images' });
    await generate.getByRole('button', { name: 'Load a conditional GAN trained for 1,500 steps' }).click();
    await generate
      .getByRole('group', { name: 'Pick a digit' })
      .getByRole('button', { name: '7', exact: true })
      .click();
    await expect(generate.getByTestId('digit-samples')).toBeVisible();
  },
  'applications/scenes': (p) => panel(p).getByRole('button', { name: 'Done', exact: true }).click(),
  'applications/segmentation': (p) => trainDense(p, 'segmentation'),
  'applications/detection': async (p) => {
    await trainDense(p, 'detector');
    await p.getByRole('region', { name: 'Segmentation and detection' }).getByRole('slider').fill('0.1');
  },
};

test('every step of every lesson has an action here', () => {
  const keys = LESSONS.flatMap((l) => l.steps.map((s) => `${l.id}/${s.id}`));
  expect(keys.sort()).toEqual(Object.keys(ACTIONS).sort());
});

for (const lesson of LESSONS) {
  test(`lesson ${lesson.number} (${lesson.id}) from its link to its last check`, async ({ page }) => {
    await page.goto(`/?lesson=${lesson.id}&step=1`);
    for (const [i, step] of lesson.steps.entries()) {
      await test.step(step.id, async () => {
        const article = panel(page).locator(`article[data-step="${step.id}"]`);
        await expect(article).toBeVisible();
        await expect(article).toContainText(`step ${i + 1} of ${lesson.steps.length}`);
        // The lesson's text names these controls: each must be on the page.
        for (const c of step.controls)
          await expect(control(page, c).first(), JSON.stringify(c)).toBeVisible();
        await expect(check(page)).toHaveAttribute('data-met', 'false');
        await ACTIONS[`${lesson.id}/${step.id}`](page);
        await met(page);
        await page.screenshot({ path: `${SHOTS}/lesson-${lesson.id}-${step.id}.png` });
        await panel(page)
          .getByRole('button', { name: i === lesson.steps.length - 1 ? 'Finish lesson' : 'Next step' })
          .click();
      });
    }
    // Back at the list, the lesson counts as done, and still does after a reload (kept in IndexedDB).
    const entry = panel(page).getByTestId(`lesson-${lesson.id}`);
    const done = `${lesson.steps.length} of ${lesson.steps.length} steps done`;
    await expect(entry.getByTestId('lesson-progress')).toHaveText(done);
    await page.goto('/');
    await page.getByRole('button', { name: 'Lessons', exact: true }).click();
    await expect(entry.getByTestId('lesson-progress')).toHaveText(done);
  });
}

test('a lesson link opens its step; a broken lesson file is refused with the reason', async ({ page }) => {
  await page.goto('/?lesson=pooling&step=3');
  await expect(panel(page).locator('article[data-step="shape"]')).toBeVisible();
  const link = await panel(page).getByTestId('lesson-link').getAttribute('href');
  // The link carries the page's language, so a class opens it in the language the teacher used.
  expect(new URL(link!).search).toBe('?lesson=pooling&step=3&lang=en');
  await panel(page).getByRole('button', { name: 'Back' }).click();
  await panel(page).getByRole('button', { name: 'Back' }).click();
  await panel(page).getByRole('button', { name: 'All lessons' }).click();
  const bad = {
    ...LESSONS[1],
    steps: [{ ...LESSONS[1].steps[0], check: { kind: 'script', code: 'alert(1)' } }],
  };
  await panel(page)
    .getByLabel('Open a lesson file')
    .setInputFiles({
      name: 'bad.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(bad)),
    });
  await expect(panel(page).getByRole('alert')).toContainText('Lesson not opened: steps.0.check');
  const own = { ...LESSONS[6], id: 'my-lesson', title: 'My lesson' };
  await panel(page)
    .getByLabel('Open a lesson file')
    .setInputFiles({
      name: 'own.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(own)),
    });
  await expect(panel(page).locator('article[data-lesson="my-lesson"]')).toContainText('My lesson');
});
