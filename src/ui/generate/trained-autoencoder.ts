// The autoencoders that the engine itself trained (scripts/generative/engine-measure.ts, commands in
// docs/GENERATION.md), served with the app: a class loads one to see sharp reconstructions, or a latent map
// that decodes to digits, at once and keeps training it.
import { tr } from '../../i18n';
import { wireSpec } from '../../network/analyze';
import { importWeights } from '../../network/export/weights-file';
import type { Hyperparams } from '../../network/hyper';
import type { PresetId } from '../../network/presets';
import type { NetworkSpec } from '../../network/spec';
import type { TrainerClient } from '../../training/client';
import { setSessionWeights } from '../export/generative';
import { toSnapshot } from '../export/weights';

export interface TrainedAutoencoder {
  steps: number;
  weights: string;
}

/** The presets with a trained checkpoint, and where it lies under the app's origin. */
export const TRAINED_AUTOENCODERS: Partial<Record<PresetId, TrainedAutoencoder>> = {
  'autoencoder-sharp': { steps: 500, weights: 'models/autoencoder-sharp-500.safetensors' },
  vae: { steps: 3000, weights: 'models/vae-3000.safetensors' },
};

/**
 * Builds the autoencoder of the builder's design and writes the trained weights into it (step 0 of a new
 * run); the weights are fetched and checked against the design before anything is built.
 */
export async function loadTrainedAutoencoder(
  client: TrainerClient,
  trained: TrainedAutoencoder,
  design: { spec: NetworkSpec; hyper: Hyperparams; bottleneckLayerId: string },
): Promise<void> {
  const response = await fetch(new URL(trained.weights, document.baseURI));
  if (!response.ok) throw new Error(tr('ui:trained-autoencoder.didNotLoad', { status: response.status }));
  const { spec } = design;
  const wired = spec.autoWire ? wireSpec(spec) : spec;
  const imported = importWeights(wired, new Uint8Array(await response.arrayBuffer()));
  if (!imported.ok) throw new Error(tr('ui:trained-autoencoder.doesNotFit', { error: imported.error }));
  client.generative({ kind: 'setAutoencoder', ...design });
  await setSessionWeights(client, { layers: toSnapshot(wired, imported.weights) });
}
