// The newcomer's path in both languages (issue 26): open, train briefly, draw and read the prediction, open a
// layer's explanation, hit a shape error and fix it. The Chinese run (?lang=zh-CN) shows no English word
// outside PyTorch's names, units and proper names; each run leaves a screenshot for the README.
import { expect, test, type Page } from '@playwright/test';
import en from '../src/i18n/locales/en/ui.json' with { type: 'json' };
import zh from '../src/i18n/locales/zh-CN/ui.json' with { type: 'json' };
import enShapes from '../src/i18n/locales/en/shapes.json' with { type: 'json' };
import zhShapes from '../src/i18n/locales/zh-CN/shapes.json' with { type: 'json' };
import { cards, drawStroke, expectLeNet, stepCount } from './app';

type Catalogue = typeof en;
const CATALOGUES: Record<'en' | 'zh-CN', Catalogue> = { en, 'zh-CN': zh as Catalogue };
const SHAPES = { en: enShapes, 'zh-CN': zhShapes };
const SCREENSHOTS = 'docs/screenshots';

/** A catalogue text (a dotted key) with its {{variables}} filled in. */
function text(ui: object, key: string, params: Record<string, string> = {}): string {
  const raw = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], ui);
  if (typeof raw !== 'string') throw new Error(`no text "${key}" in the catalogue`);
  return raw.replace(/\{\{(\w+)[^}]*\}\}/g, (_, v: string) => params[v] ?? `{{${v}}}`);
}

/**
 * Words that read the same in both languages: PyTorch's layer and parameter names, the data sets, formats,
 * units and proper names. Anything else in Latin letters on the Chinese page is an untranslated string.
 */
const SAME_IN_EVERY_LANGUAGE = new Set([
  ...['Conv2d', 'ConvTranspose2d', 'MaxPool2d', 'AvgPool2d', 'BatchNorm2d', 'Linear', 'ReLU', 'Flatten'],
  ...['Dropout', 'Softmax', 'Sigmoid', 'Tanh', 'kernel_size', 'stride', 'padding', 'in_channels'],
  ...['AdaptiveAvgPool2d', 'Upsample', 'LeakyReLU', 'GELU', 'SiLU', 'ELU', 'GroupNorm', 'Unflatten'],
  // The playground's own layer kinds, named like PyTorch's classes; a parameter name; FLOPs, a unit.
  ...['Add', 'Concat', 'Reparameterize', 'dilation', 'FLOPs', 'k'],
  // The subscript of H_out in a formula, as PyTorch's documentation writes it.
  'out',
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
  ...['FCN', 'CenterNet', 'google', 'swiftshader', 'English', 'JavaScript'],
  // The diagram library's attribution link (xyflow's licence asks that it stays).
  ...['React', 'Flow'],
]);

/** Latin words in the visible text nodes of the page (inputs' values, code, formula symbols and hidden
 *  elements excluded). */
async function latinWords(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const words: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      // A formula's identifiers (MathML <mi>: x, H, out) are symbols like code; its <mtext> is prose.
      if (!parent || parent.closest('script, style, code, kbd, option, mi, [aria-hidden="true"]')) continue;
      if (!parent.checkVisibility()) continue;
      // A letter right after a digit is a number's exponent (1e-3), not a word.
      words.push(...(node.textContent?.match(/(?<![0-9.])[A-Za-z][A-Za-z0-9_]*/g) ?? []));
    }
    return words;
  });
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
    // The state reads Paused once the step shown is the run's last; the count stays there.
    await expect(page.getByTestId('trainer-state')).toHaveText(text(ui, 'trainingControls.paused'));
    const paused = await stepCount(page);
    await expect.poll(() => stepCount(page)).toBe(paused);

    // Draw a digit and read the prediction.
    await drawStroke(
      page,
      [
        [8 / 28, 6 / 28],
        [20 / 28, 6 / 28],
        [16 / 28, 14 / 28],
        [13 / 28, 22 / 28],
      ],
      4,
      text(ui, 'drawPad.pad'),
    );
    const bars = page.getByRole('list', { name: text(ui, 'probabilityBars.classProbabilities') });
    await expect(bars.getByRole('listitem')).toHaveCount(10);

    // A shape error, marked in place on the diagram, and its one-click fix.
    await cards(page).nth(6).click();
    const flatten = text(ui, 'layerCard.delete', {
      name: text(SHAPES[language], 'name.layer', { n: '7', kind: 'Flatten' }),
    });
    await page.getByRole('button', { name: flatten }).click();
    const broken = cards(page).nth(6);
    await expect(broken).toHaveClass(/has-error/);
    const fix = text(ui, 'layerIssues.fix', { label: '' });
    await broken.getByRole('button', { name: new RegExp(`^${fix}`) }).click();
    await expectLeNet(page);

    // Open the explanation of the first convolution.
    const insideTab = page.getByRole('tab', { name: text(ui, 'panelTabs.tab.inside'), exact: true });
    await insideTab.click();
    await expect(insideTab).toHaveAttribute('aria-selected', 'true');
    const inside = page.locator('.inspect');
    await inside.getByRole('tab', { name: text(ui, 'inspectPanel.tabExplain') }).click();
    await expect(inside.getByLabel(text(ui, 'explainView.layerToExplain'))).toBeVisible();
    await expect(inside.getByTestId('explain-animation')).toBeVisible({ timeout: 60_000 });

    // The whole page fits the window's width, in the normal layout and in presentation mode.
    const fitsWidth = () => page.evaluate(() => document.documentElement.scrollWidth <= innerWidth);
    await page.evaluate(() => scrollTo(0, 0));
    expect(await fitsWidth()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/i18n-${language}.png` });
    // The words shown in both layouts (presentation mode hides some and enlarges others).
    const shown = await latinWords(page);
    await page.getByRole('button', { name: text(ui, 'header.presentation') }).click();
    await page.evaluate(() => scrollTo(0, 0));
    expect(await fitsWidth()).toBe(true);
    await page.screenshot({ path: `${SCREENSHOTS}/i18n-${language}-presentation.png` });
    if (language === 'en') return;
    shown.push(...(await latinWords(page)));
    const english = shown.filter((w) => !SAME_IN_EVERY_LANGUAGE.has(w));
    expect([...new Set(english)]).toEqual([]);
  });
}
