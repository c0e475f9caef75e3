// The input normalisation a design is trained and exported with; model.py and train.py write it out.
import type { NetworkSpec, Task } from '../spec';

/** How the playground feeds images to a network: x = (pixel - mean) / std, pixels in 0..1. */
export interface Normalization {
  mean: number;
  std: number;
}

/**
 * The input normalisation per task: MNIST's own statistics for classifiers; plain pixels for the
 * autoencoder, so its Sigmoid output compares with its input; [-1, 1] for the GAN, to match Tanh; plain
 * pixels for the scenes of segmentation and detection (mostly background, unlike MNIST's statistics).
 */
export const INPUT_NORMALIZATION: Record<Task, Normalization> = {
  classification: { mean: 0.1307, std: 0.3081 },
  reconstruction: { mean: 0, std: 1 },
  generator: { mean: 0.5, std: 0.5 },
  discriminator: { mean: 0.5, std: 0.5 },
  segmentation: { mean: 0, std: 1 },
  detection: { mean: 0, std: 1 },
};

/** The normalisation a design's inputs get: its task's. A user dataset's classifier trains on the same
 *  numbers as MNIST's (the trainer's gather normalises every classifier's pixels alike). */
export function normalizationOf(spec: Pick<NetworkSpec, 'task'>): Normalization {
  return INPUT_NORMALIZATION[spec.task];
}
