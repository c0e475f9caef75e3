// The short measurement behind the automatic choice on a software WebGPU adapter: a few training steps of
// the design on one backend, on random images, timed after one warm-up step (pipelines compiled, memory
// touched). It runs in the worker, before the design's model is built or, while nothing trains, after.
import { sizeOf } from '../engine/tensor';
import type { ModelDescription } from '../model/describe';
import { initialState } from '../model/init';
import type { Hyperparams } from '../network/hyper';
import type { HostDataset, TrainerBackend } from './backend';
import { Prng } from './prng';
import { CLASSES } from './reports';

/**
 * Wall milliseconds per training step of `desc` on `backend` (at least two timed steps, about `budgetMs`).
 * An abort ends it after the step in flight, with the signal's reason thrown.
 */
export async function measureStepMs(
  backend: TrainerBackend,
  desc: ModelDescription,
  hyper: Hyperparams,
  budgetMs: number,
  signal?: AbortSignal,
): Promise<number> {
  const batch = hyper.batchSize;
  const pixels = sizeOf(desc.inputShape);
  const prng = new Prng(0x5eed);
  const images = Uint8Array.from({ length: batch * pixels }, () => prng.int(256));
  const labels = Uint8Array.from({ length: batch }, (_, i) => i % CLASSES);
  const empty = { images: new Uint8Array(0), labels: new Uint8Array(0), capacity: 0, available: 0 };
  const data: HostDataset = {
    pixels,
    train: { images, labels, capacity: batch, available: batch },
    test: empty,
  };
  backend.syncDataset(data, 'train', 0, batch);
  backend.build(
    desc,
    hyper,
    initialState(desc, () => prng.next()),
  );
  backend.setOrder(Uint32Array.from({ length: batch }, (_, i) => i));
  backend.step(0, 0);
  await backend.takeSums();
  signal?.throwIfAborted();
  const t0 = performance.now();
  let steps = 0;
  while (steps < 2 || performance.now() - t0 < budgetMs) {
    backend.step(0, ++steps);
    await backend.settle();
    signal?.throwIfAborted();
  }
  // takeSums resolves when the device has done every step queued.
  await backend.takeSums();
  return (performance.now() - t0) / steps;
}

/** Designs with equal shapes (layer kinds, settings, wiring) at one batch size and optimizer share a measurement. */
export function designShapeKey(desc: ModelDescription, hyper: Hyperparams): string {
  const layers = desc.layers.map((p) => {
    // Ids (and the ids inputs name) differ between equal designs; p.inputs gives the wiring by index.
    const { id: _id, inputs: _inputs, ...layer } = p.layer as { id?: string; inputs?: string[] };
    return [layer, p.inputs];
  });
  return JSON.stringify([desc.inputShape, layers, hyper.batchSize, hyper.optimizer]);
}
