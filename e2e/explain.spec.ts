import { expect, test, type Locator } from '@playwright/test';
import { definitionOf, LAYER_KINDS } from '../src/layers';
import { encodeShareState } from '../src/network/share';
import { change, drawStroke, expectDatasetsLoaded, openPanel, pixels, SHOTS, stepCount } from './app';
import { EVERY_KIND, EVERY_KIND_HYPER } from './every-kind';

// "Explain a layer" animates every layer kind on real data: a design holding every kind trains briefly,
// then each layer in turn is explained. Its animation must be the style its kind names, must run (the
// frame line and the picture change), and where it recomputes the layer (every style but the curve and
// the normalisation, which show other facts) its arithmetic must match the engine's output for the image.
// Screenshots of each style (SCREENSHOTS_DIR) go to explain-<style>.png.
test.setTimeout(420_000);

/** Waits until the element's picture differs from `before`. */
async function expectPictureChanges(element: Locator, before: Buffer): Promise<void> {
  await expect.poll(async () => (await element.screenshot()).equals(before), { timeout: 20_000 }).toBe(false);
}

test('every layer kind is animated on the real image, and the animation agrees with the engine', async ({
  page,
}) => {
  expect(new Set(EVERY_KIND.layers.map((l) => l.kind))).toEqual(new Set(LAYER_KINDS));
  await page.goto(`/#${encodeShareState({ spec: EVERY_KIND, hyper: EVERY_KIND_HYPER })}`);
  await expectDatasetsLoaded(page);
  await page.getByRole('button', { name: 'Train', exact: true }).click();
  await expect.poll(() => stepCount(page), { timeout: 120_000 }).toBeGreaterThanOrEqual(10);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.getByTestId('trainer-state')).toHaveText('Paused');

  await openPanel(page, 'Inside the network');
  const panel = page.getByRole('region', { name: 'Inside the network' });
  await panel.getByRole('tab', { name: 'Explain a layer' }).click();
  const select = panel.getByLabel('Layer to explain');
  await expect(select.locator('option')).toHaveCount(EVERY_KIND.layers.length);
  const animation = panel.getByTestId('explain-animation');
  const shot = new Set<string>();

  for (const [index, layer] of EVERY_KIND.layers.entries()) {
    const style = definitionOf(layer.kind).animation;
    await select.selectOption(String(index));
    await expect(animation).toHaveAttribute('data-layer', String(index));
    await expect(animation).toHaveAttribute('data-style', style);
    const frame = animation.getByTestId('explain-frame');
    const first = await frame.textContent();
    const picture = await animation.screenshot();
    await expect.poll(() => frame.textContent(), { message: `${layer.kind} frame line` }).not.toBe(first);
    await expectPictureChanges(animation, picture);
    const check = animation.getByTestId('explain-check');
    if (style === 'curve' || style === 'normalise') {
      await expect(check).toHaveCount(0);
    } else {
      await expect(check, `${layer.kind} recomputed`).toContainText('matches the engine');
    }
    if (style === 'normalise') {
      // Per channel the output is one scale and shift of the input: the fit is exact to float error.
      const text = (await animation.getByTestId('explain-affine').textContent()) ?? '';
      const deviation = Number(/largest deviation\s+([-\d.e]+)/.exec(text)?.[1]);
      expect(deviation).toBeLessThan(1e-3);
    }
    if (!shot.has(style)) {
      shot.add(style);
      await panel.getByRole('button', { name: 'Pause animation' }).click();
      await panel.screenshot({ path: `${SHOTS}/explain-${style}.png` });
    }
  }
  expect(shot.size).toBe(15);

  // Keyboard: pause, then step one pixel at a time with Enter on the buttons.
  await select.selectOption(String(EVERY_KIND.layers.findIndex((l) => l.kind === 'ConvTranspose2d')));
  await expect(animation).toHaveAttribute('data-style', 'transpose');
  const pause = animation.getByRole('button', { name: 'Pause animation' });
  await pause.focus();
  await page.keyboard.press('Enter');
  await expect(animation.getByRole('button', { name: 'Play animation' })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  const frame = animation.getByTestId('explain-frame');
  const paused = await frame.textContent();
  await page.waitForTimeout(1000);
  await expect(frame).toHaveText(paused ?? '');
  await animation.getByRole('button', { name: 'Next pixel' }).focus();
  await page.keyboard.press('Enter');
  await expect(frame).not.toHaveText(paused ?? '');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Enter');
  await expect(frame).toHaveText(paused ?? '');

  // Reduced motion: a newly opened animation waits to be played.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await select.selectOption(String(EVERY_KIND.layers.findIndex((l) => l.kind === 'Linear')));
  await expect(animation).toHaveAttribute('data-style', 'dense');
  const play = animation.getByRole('button', { name: 'Play animation' });
  await expect(play).toHaveAttribute('aria-pressed', 'false');
  const still = await animation.getByTestId('explain-frame').textContent();
  await page.waitForTimeout(1000);
  await expect(animation.getByTestId('explain-frame')).toHaveText(still ?? '');
  await play.focus();
  await page.keyboard.press('Space');
  await expect(animation.getByTestId('explain-frame')).not.toHaveText(still ?? '');
  await page.emulateMedia({ reducedMotion: 'no-preference' });

  // The drawn digit replaces the test image: the first layer's input and its check follow it.
  await select.selectOption('0');
  await expect(animation).toHaveAttribute('data-style', 'conv');
  const input = animation.getByTestId('animation-input');
  const testImage = await pixels(input);
  await drawStroke(page, [
    [0.5, 0.15],
    [0.5, 0.85],
  ]);
  await panel.scrollIntoViewIfNeeded();
  await panel.getByRole('radio', { name: 'Drawn digit' }).check();
  await expect.poll(async () => change(await pixels(input), testImage)).toBeGreaterThan(1);
  await expect(animation.getByTestId('explain-check')).toContainText('matches the engine');
});
