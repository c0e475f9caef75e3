// Weights of the autoencoder and GAN, which live in the worker's generative session rather than the
// classifier's run: read for export and written by "Load weights", checked against the designs on screen.
import type { TrainerClient } from '../../training/client';
import type { GenerativeEvent, GenerativeRequest } from '../../training/generative/types';
import type { LayerSnapshot } from '../../training/protocol';
import type { NetworkSpec } from '../../network/spec';
import { snapshotMismatch } from './weights';

/** Negative ids, so these answers never meet the panel's decode/generate ids (timestamps). */
let nextId = -1;

/** Sends one request with an id and resolves with the session's answer to it (a `failed` rejects). */
function ask(client: TrainerClient, make: (id: number) => GenerativeRequest): Promise<GenerativeEvent> {
  const id = nextId--;
  return new Promise((resolve, reject) => {
    const off = client.on('generative', ({ event }) => {
      if (!('id' in event) || event.id !== id) return;
      off();
      if (event.kind === 'failed') reject(new Error(event.message));
      else resolve(event);
    });
    client.generative(make(id));
  });
}

export const isGenerative = (spec: NetworkSpec) =>
  spec.task !== 'classification' && spec.task !== 'segmentation' && spec.task !== 'detection';

export interface GenerativeWeights {
  /** The autoencoder's, or the generator's. */
  layers: LayerSnapshot[];
  discriminator?: LayerSnapshot[];
}

/**
 * The session's weights, checked against the designs they must fit: the autoencoder, or the generator and
 * discriminator. Throws when the session holds another kind of network or one that differs from them.
 */
export async function sessionWeights(
  client: TrainerClient,
  design: { spec: NetworkSpec; discriminator?: NetworkSpec },
): Promise<GenerativeWeights> {
  const answer = await ask(client, (id) => ({ kind: 'readWeights', id }));
  if (answer.kind !== 'weights') throw new Error('the trainer answered with something other than weights');
  const want = design.spec.task === 'reconstruction' ? 'autoencoder' : 'gan';
  if (answer.mode !== want)
    throw new Error(
      `the trained network is ${answer.mode === 'gan' ? 'a GAN' : 'an autoencoder'}: train this ${want === 'gan' ? 'GAN' : 'autoencoder'} first`,
    );
  const mismatch =
    snapshotMismatch(design.spec, answer.layers) ??
    (design.discriminator && answer.discriminator
      ? snapshotMismatch(design.discriminator, answer.discriminator)
      : null);
  if (mismatch) throw new Error(`${mismatch}: press Train in the generate panel to build it`);
  return { layers: answer.layers, discriminator: answer.discriminator };
}

/** Writes weights into the session; it checks every tensor before changing anything. */
export async function setSessionWeights(client: TrainerClient, weights: GenerativeWeights): Promise<void> {
  const answer = await ask(client, (id) => ({ kind: 'setWeights', id, ...weights }));
  if (answer.kind !== 'weightsSet') throw new Error('the trainer did not confirm the weights');
}
