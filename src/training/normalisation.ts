// Input normalisation shared by the GPU gather, the CPU gather and images sent from the page.

/** MNIST's mean and standard deviation (torchvision's usual Normalize constants). */
export const NORMALISATION = { mean: 0.1307, std: 0.3081 } as const;

/** Page images are 0..1; the network sees them normalised exactly as the gathered training batches. */
export function normalise(image: Float32Array): Float32Array {
  return image.map((v) => (v - NORMALISATION.mean) / NORMALISATION.std);
}
