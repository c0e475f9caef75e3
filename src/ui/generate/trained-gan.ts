// The GANs that the engine itself trained (scripts/generative/engine-measure.ts, commands in
// docs/GENERATION.md), served with the app: a class loads one to see digits at once (the conditional one's
// digit picked) and keeps training it.
import { tr } from '../../i18n';
import { wireSpec } from '../../network/analyze';
import { importWeights } from '../../network/export/weights-file';
import type { Hyperparams } from '../../network/hyper';
import type { PresetId } from '../../network/presets';
import type { NetworkSpec } from '../../network/spec';
import type { TrainerClient } from '../../training/client';
import { setSessionWeights } from '../export/generative';
import { toSnapshot } from '../export/weights';

export const TRAINED_GAN = {
  steps: 7000,
  generator: 'models/dcgan-generator-7000.safetensors',
  discriminator: 'models/dcgan-discriminator-7000.safetensors',
} as const;

export interface TrainedGan {
  steps: number;
  generator: string;
  discriminator: string;
}

/** The GAN presets (by their generator) with a trained pair, and where its halves lie under the app's origin. */
export const TRAINED_GANS: Partial<Record<PresetId, TrainedGan>> = {
  'dcgan-generator': TRAINED_GAN,
  'cgan-generator': {
    steps: 1500,
    generator: 'models/cgan-generator-1500.safetensors',
    discriminator: 'models/cgan-discriminator-1500.safetensors',
  },
};

/** One half's weights from the app's origin, checked against the design in the builder. */
async function halfOf(path: string, spec: NetworkSpec) {
  const response = await fetch(new URL(path, document.baseURI));
  if (!response.ok)
    throw new Error(tr('ui:trained-gan.theTrainedDidNot', { task: spec.task, status: response.status }));
  const wired = spec.autoWire ? wireSpec(spec) : spec;
  const imported = importWeights(wired, new Uint8Array(await response.arrayBuffer()));
  if (!imported.ok) {
    throw new Error(tr('ui:trained-gan.theTrainedDoesNot', { task: spec.task, error: imported.error }));
  }
  return toSnapshot(wired, imported.weights);
}

/** Builds the GAN of the builder's designs and writes the trained weights into it (step 0 of a new run). */
export async function loadTrainedGan(
  client: TrainerClient,
  trained: TrainedGan,
  generator: NetworkSpec,
  discriminator: NetworkSpec,
  hyper: Hyperparams,
): Promise<void> {
  const [layers, d] = await Promise.all([
    halfOf(trained.generator, generator),
    halfOf(trained.discriminator, discriminator),
  ]);
  client.generative({ kind: 'setGan', generator, discriminator, hyper });
  await setSessionWeights(client, { layers, discriminator: d });
}
