// The conditional DCGAN (Mirza and Osindero 2014, with DCGAN's layers): the generator reads its noise with
// the requested digit appended one-hot, and the discriminator reads the image with the digit as ten
// constant one-hot planes, so it learns "a real 3" rather than "a real digit". The engine tells a
// conditional pair from the shapes: D reads CONDITION_CLASSES more channels than G makes (engine.ts).
import { CONDITION_CLASSES } from './conditional-shape';
import { DCGAN_HYPER, type Hyperparams } from './hyper';
import { discriminatorLayers, generatorLayers } from './generative-presets';
import { mnistSpec } from './preset-layers';
import type { NetworkSpec } from './spec';

export { CONDITION_CLASSES } from './conditional-shape';
/** DCGAN's settings with Adam at 1e-3: seed 1 reached both targets (inception score ≥ 8, the digit asked
 *  for ≥ 90%) at step 1,500 in PyTorch and in the engine; 5e-4 was at 87.5 to 89.4% after 2,000 steps and
 *  DCGAN's 2e-4 at 14% after 500 (docs/GENERATION.md). */
export const CGAN_HYPER: Hyperparams = { ...DCGAN_HYPER, lr: 1e-3 };

/** Noise values before the one-hot digit (as many as the DCGAN's). */
export const CGAN_NOISE = 32;

export const cganGenerator: NetworkSpec = (() => {
  const width = CGAN_NOISE + CONDITION_CLASSES;
  const spec = mnistSpec('Conditional DCGAN generator', 'generator', generatorLayers(width));
  return { ...spec, input: { ...spec.input, shape: [width] }, latentDim: width };
})();

export const cganDiscriminator: NetworkSpec = (() => {
  const channels = 1 + CONDITION_CLASSES;
  const spec = mnistSpec('Conditional DCGAN discriminator', 'discriminator', discriminatorLayers(channels));
  return { ...spec, input: { ...spec.input, shape: [channels, 28, 28] } };
})();
