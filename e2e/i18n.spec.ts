// The newcomer's path in both languages (issue 26): open, train briefly, draw and read the prediction, open a
// layer's explanation, hit a shape error and fix it. The Chinese run (?lang=zh-CN) shows no English word
// outside PyTorch's names, units and proper names; each run leaves a screenshot for the README.
import { expect, test, type Page } from '@playwright/test';
import en from '../src/i18n/locales/en/ui.json' with { type: 'json' };
import zh from '../src/i18n/locales/zh-CN/ui.json' with { type: 'json' };
import { cards, drawStroke, expectLeNet, openPanel, stepCount } from './app';

type Catalogue = typeof en;
const CATALOGUES: Record<'en' | 'zh-CN', Catalogue> = { en, 'zh-CN': zh as Catalogue };
const SCREENSHOTS = 'docs/screenshots';

/** A catalogue text with its {{variables}} filled in. */
function text(ui: Catalogue, key: string, params: Record<string, string> = {}): string {
  const [section, name] = key.split('.');
  const raw = (ui as unknown as Record<string, Record<string, string>>)[section][name];
  return raw.replace(/\{\{(\w+)[^}]*\}\}/g, (_, v: string) => params[v] ?? `{{${v}}}`);
}

/**
 * Words that read the same in both languages: PyTorch's layer and parameter names, the data sets, formats,
 * units and proper names. Anything else in Latin letters on the Chinese page is an untranslated string.
 */
const SAME_IN_EVERY_LANGUAGE = new Set([
  ...['Conv2d', 'ConvTranspose2d', 'MaxPool2d', 'AvgPool2d', 'BatchNorm2d', 'Linear', 'ReLU', 'Flatten'],
  ...['Dropout', 'Softmax', 'Sigmoid', 'Tanh', 'kernel_size', 'stride', 'padding', 'in_channels'],
  ...['out_channels', 'in_features', 'out_features', 'LeNet', 'MNIST', 'Fashion', 'CIFAR', 'CNN', 'GAN'],
  ...[
    'WebGPU',
    'WebAssembly',
    'SIMD',
    'CPU',
    'GPU',
    'SwiftShader',
    'Google',
    'PyTorch',
    'ONNX',
    'Adam',
    'SGD',
  ],
  ...[
    'MiB',
    'KiB',
    'MB',
    'KB',
    'kB',
    'ms',
    'px',
    'x',
    'y',
    'w',
    'b',
    'max',
    'IoU',
    'mAP',
    'DCGAN',
    'U',
    'Net',
  ],
  ...['FCN', 'CenterNet', 'google', 'swiftshader', 'English'],
]);

/**
 * Text the Chinese run does not check yet, each for its reason: the builder, the training controls, the
 * accuracy chart and the drawing pad are being rewritten (issue 15) and move into the catalogues after;
 * the worker's backend line, and each layer's formula and legend (src/layers), are core text that the
 * catalogues' content pass (lessons, explanations, shape errors) puts into words.
 */
const NOT_YET = [
  '.builder-region',
  '.controls',
  '.draw',
  '[data-testid="accuracy-chart"]',
  '.chart:has([data-testid="accuracy-chart"])',
  '[data-testid="backend-reason"]',
  '[data-testid="formula"]',
  '[data-testid="formula"] + p',
].join(', ');

/** Latin words in the visible text nodes of the page (inputs' values and hidden elements excluded). */
async function latinWords(page: Page): Promise<string[]> {
  return page.evaluate((notYet) => {
    const words: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('script, style, code, kbd, option, [aria-hidden="true"]')) continue;
      if (parent.closest(notYet)) continue;
      if (!parent.checkVisibility()) continue;
      // A letter right after a digit is a number's exponent (1e-3), not a word.
      words.push(...(node.textContent?.match(/(?<![0-9.])[A-Za-z][A-Za-z0-9_]*/g) ?? []));
    }
    return words;
  }, NOT_YET);
}

for (const language of ['en', 'zh-CN'] as const) {
  test(`a newcomer's first session in ${language}`, async ({ page }) => {
    const ui = CATALOGUES[language];
    await page.goto(language === 'en' ? '/' : `/?lang=${language}`);
    await expect(page.locator('html')).toHaveAttribute('lang', language);
    await expectLeNet(page);
    await expect(page.getByTestId('dataset-status')).toHaveText(
      text(ui, 'datasetProgress.trainingTestImagesLoaded', { train: '60,000', test: '10,000' }),
      { timeout: 90_000 },
    );

    // Train briefly, then pause (Space, the shortcut: the same in every language).
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Space');
    await expect.poll(() => stepCount(page), { timeout: 90_000 }).toBeGreaterThanOrEqual(30);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Space');
    const paused = await stepCount(page);
    await expect.poll(() => stepCount(page)).toBe(paused);

    // Draw a digit and read the prediction.
    await drawStroke(page, [
      [8 / 28, 6 / 28],
      [20 / 28, 6 / 28],
      [16 / 28, 14 / 28],
      [13 / 28, 22 / 28],
    ]);
    const bars = page.getByRole('list', { name: text(ui, 'probabilityBars.classProbabilities') });
    await expect(bars.getByRole('listitem')).toHaveCount(10);

    // A shape error, marked in place on the diagram, and its one-click fix.
    await cards(page).nth(6).click();
    await page.getByRole('button', { name: 'Delete layer 7 (Flatten)' }).click();
    const broken = cards(page).nth(6);
    await expect(broken).toHaveClass(/has-error/);
    await broken.getByRole('button', { name: /^Fix: / }).click();
    await expectLeNet(page);

    // Open the explanation of the first convolution.
    await openPanel(page, 'Inside the network');
    const inside = page.locator('.inspect');
    await inside.getByRole('tab', { name: text(ui, 'inspectPanel.tabExplain') }).click();
    await expect(inside.getByLabel(text(ui, 'explainView.layerToExplain'))).toBeVisible();
    await expect(inside.getByTestId('explain-animation')).toBeVisible({ timeout: 60_000 });

    // The whole page fits the window's width, in the normal layout and in presentation mode.
    const fitsWidth = () => page.evaluate(() => document.documentElement.scrollWidth <= innerWidth);
    await page.evaluate(() => scrollTo(0, 0));
    expect(await fitsWidth()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/i18n-${language}.png` });
    await page.getByRole('button', { name: text(ui, 'header.presentation') }).click();
    await page.evaluate(() => scrollTo(0, 0));
    expect(await fitsWidth()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/i18n-${language}-presentation.png` });
    if (language === 'en') return;
    const english = (await latinWords(page)).filter((w) => !SAME_IN_EVERY_LANGUAGE.has(w));
    expect([...new Set(english)]).toEqual([]);
  });
}
