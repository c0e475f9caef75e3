// What the generative session needs from a backend: the same operations over the WebGPU engine and the
// CPU reference ops, so a GAN or an autoencoder trains, previews and decodes the same way on both.
import type { ModelDescription } from '../../model/describe';
import type { OptimizerSettings } from '../../model/gpu-model';
import { sizeOf } from '../../engine/tensor';
import type { ModelState } from '../backend';
import type { GanSums } from './common';
import { conditionClasses } from './conditional';

export interface GanState {
  generator: ModelState;
  discriminator: ModelState;
}

export interface GanEngine {
  readonly batch: number;
  /** A conditional GAN's digits (one-hot after the noise, planes after D's image), else 0. */
  readonly classes: number;
  /** The sample order of the current epoch (indices into the train split). */
  setOrder(order: Uint32Array): void;
  /** One alternating update (D on real and fake, then G through D) on order[start, start + batch) with noise z
   *  (a conditional GAN's rows end in the one-hot digit asked for, which D's fake batch is labelled with). */
  step(start: number, step: number, z: Float32Array): void;
  /** Resolves when at most one step more is queued. */
  settle(): Promise<void>;
  takeSums(): Promise<GanSums>;
  /** Eval-mode generator outputs for `count` noise vectors (count ≤ batch): count × 784 values in [-1, 1]. */
  generate(z: Float32Array, count: number): Promise<Float32Array>;
  /** Eval-mode discriminator logits for `count` inputs: images already scaled to [-1, 1] (a conditional
   *  GAN's with their digit planes after them). */
  discriminate(images: Float32Array, count: number): Promise<Float32Array>;
  readState(): Promise<GanState>;
  writeState(state: GanState): void;
  destroy(): void;
}

/** Loss sums of a reconstruction run since the previous take. */
export interface AeSums {
  loss: number;
  samples: number;
  nonFinite: number;
}

export interface AutoencoderEngine {
  readonly batch: number;
  setOrder(order: Uint32Array): void;
  step(start: number, step: number): void;
  settle(): Promise<void>;
  takeSums(): Promise<AeSums>;
  /** Eval-mode outputs of layer `layer` for `count` images in [0, 1] (any count: run in batches). */
  layerOutputs(images: Float32Array, count: number, layer: number): Promise<Float32Array>;
  /** Eval-mode network output from values written into layer `layer`'s output (the bottleneck): decoding. */
  decodeFrom(layer: number, values: Float32Array, count: number): Promise<Float32Array>;
  readState(): Promise<ModelState>;
  writeState(state: ModelState): void;
  destroy(): void;
}

export interface GanOptions {
  batch: number;
  seed: number;
  generator: OptimizerSettings;
  discriminator: OptimizerSettings;
}

export interface AutoencoderOptions {
  batch: number;
  seed: number;
  optimizer: OptimizerSettings;
  loss: 'mse' | 'bce';
}

/** The generator must output what the discriminator reads (a conditional pair: with the digit planes after
 *  it), and D must give one logit. Returns the conditional pair's number of classes, else 0. */
export function checkPair(g: ModelDescription, d: ModelDescription): number {
  const classes = conditionClasses(g, d);
  if (sizeOf(d.outputShape) !== 1) {
    throw new Error(
      `the discriminator must end in one logit (Linear out_features = 1), it gives [${d.outputShape.join('×')}]`,
    );
  }
  return classes;
}
