// The generative run's weights as one value (an autoencoder's, or a GAN's two networks'): the session keeps
// the last good ones on the host to rebuild from after a lost device, and exports and loads them.
import type { ModelState } from '../backend';
import { snapshotFromState, stateFromSnapshot } from '../load-weights';
import type { LayerSnapshot } from '../protocol';
import type { BuiltAutoencoder, BuiltGan } from './build';
import type { GanState } from './engine';
import type { GenerativeMode } from './types';

export type Built =
  | { mode: 'autoencoder'; ae: BuiltAutoencoder }
  | {
      mode: 'gan';
      gan: BuiltGan;
      /** Generator inputs of the sample grid, and of the digit score's samples. */
      fixed: Float32Array;
      scoreNoise: Float32Array;
      /** Noise vectors of the grid as the page sees them (a conditional GAN's: one per column). */
      fixedNoise: Float32Array;
      /** The digit each score sample asks for (a conditional GAN), judged against what the judge sees. */
      scoreDigits?: Uint8Array;
    };

export type Weights = ModelState | GanState;

export function readWeightsOf(built: Built): Promise<Weights> {
  return built.mode === 'gan' ? built.gan.engine.readState() : built.ae.engine.readState();
}

export function writeWeightsTo(built: Built, weights: Weights): void {
  if (built.mode === 'gan') built.gan.engine.writeState(weights as GanState);
  else built.ae.engine.writeState(weights as ModelState);
}

/** True when every weight and running statistic is finite: only such weights are worth rebuilding from. */
export function finiteWeights(weights: Weights): boolean {
  const states = 'generator' in weights ? [weights.generator, weights.discriminator] : [weights];
  return states.every((s) => s.params.every(Number.isFinite) && s.buffers.every(Number.isFinite));
}

/** The weights as layer snapshots, as the Export menu writes them. */
export async function snapshotOf(built: Built): Promise<{
  mode: GenerativeMode;
  layers: LayerSnapshot[];
  discriminator?: LayerSnapshot[];
}> {
  if (built.mode === 'autoencoder') {
    const ae = built.ae;
    return { mode: 'autoencoder', layers: snapshotFromState(ae.desc, await ae.engine.readState()) };
  }
  const gan = built.gan;
  const state = await gan.engine.readState();
  return {
    mode: 'gan',
    layers: snapshotFromState(gan.generator, state.generator),
    discriminator: snapshotFromState(gan.discriminator, state.discriminator),
  };
}

/** Loaded layer snapshots as weights of the built network(s), every tensor checked (throws on a misfit). */
export function weightsFromSnapshot(
  built: Built,
  layers: LayerSnapshot[],
  discriminator?: LayerSnapshot[],
): Weights {
  if (built.mode === 'autoencoder') return stateFromSnapshot(built.ae.desc, layers);
  if (!discriminator) throw new Error("a GAN needs the discriminator's weights beside the generator's");
  return {
    generator: stateFromSnapshot(built.gan.generator, layers),
    discriminator: stateFromSnapshot(built.gan.discriminator, discriminator),
  };
}
