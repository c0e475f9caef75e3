// Weights of the segmentation and detection networks, which live in the worker's dense session: read for
// export and written by "Load weights", checked against the design on screen.
import type { TrainerClient } from '../../training/client';
import type { DenseEvent, DenseRequest } from '../../training/dense/types';
import type { LayerSnapshot } from '../../training/protocol';
import type { NetworkSpec } from '../../network/spec';
import { snapshotMismatch } from './weights';

/** Negative ids, so these answers never meet the panel's scene and drawing ids (counting up). */
let nextId = -1;

/** Sends one request with an id and resolves with the session's answer to it (a `failed` rejects). */
function ask(client: TrainerClient, make: (id: number) => DenseRequest): Promise<DenseEvent> {
  const id = nextId--;
  return new Promise((resolve, reject) => {
    const off = client.on('dense', ({ event }) => {
      if (!('id' in event) || event.id !== id) return;
      off();
      if (event.kind === 'failed') reject(new Error(event.message));
      else resolve(event);
    });
    client.dense(make(id));
  });
}

/** The dense session's weights, checked against the design: throws when it holds another network. */
export async function denseWeights(client: TrainerClient, spec: NetworkSpec): Promise<LayerSnapshot[]> {
  const answer = await ask(client, (id) => ({ kind: 'readWeights', id }));
  if (answer.kind !== 'weights') throw new Error('the trainer answered with something other than weights');
  const mismatch = snapshotMismatch(spec, answer.layers);
  if (mismatch)
    throw new Error(`${mismatch}: press Train in the segmentation and detection panel to build it`);
  return answer.layers;
}

/** Writes weights into the dense session; it checks every tensor before changing anything. */
export async function setDenseWeights(client: TrainerClient, layers: LayerSnapshot[]): Promise<void> {
  const answer = await ask(client, (id) => ({ kind: 'setWeights', id, layers }));
  if (answer.kind !== 'weightsSet') throw new Error('the trainer did not confirm the weights');
}
