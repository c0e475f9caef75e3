// Test-only: an exported model run by onnxruntime-node (ONNX Runtime's CPU provider), and the same design's
// forward pass on the playground's CPU backend, on seeded inputs and weights.
import * as ort from 'onnxruntime-node';
import type { NetworkSpec } from '../../../spec';
import { playgroundForward } from '../../testing/playground-forward';
import { randomWeights, seededRandom, uniformArray } from '../../testing/random-weights';
import { exportOnnx } from '../export';

export interface OnnxComparison {
  onnx: Float32Array;
  playground: Float32Array;
  dims: readonly number[];
  bytes: Uint8Array;
}

/** Exports `spec` with random weights and runs batch `batch` of inputs in -1..2 through both sides. */
export async function compareWithRuntime(
  spec: NetworkSpec,
  seed: number,
  batch = 3,
): Promise<OnnxComparison> {
  const weights = randomWeights(spec, seed);
  const bytes = exportOnnx(spec, weights);
  const shape = [batch, ...spec.input.shape];
  const input = uniformArray(
    seededRandom(seed + 1),
    shape.reduce((a, b) => a * b, 1),
    -1,
    2,
  );
  const session = await ort.InferenceSession.create(bytes);
  try {
    const result = await session.run({ input: new ort.Tensor('float32', input, shape) });
    const output = result.output;
    return {
      onnx: output.data as Float32Array,
      playground: playgroundForward(spec, weights, input, batch),
      dims: output.dims,
      bytes,
    };
  } finally {
    await session.release();
  }
}

/** The largest |a - b| / max(1, |b|): float32 sums in another order differ by ~1e-7 relative. */
export function largestDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < b.length; i++) {
    const d = Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i]));
    worst = Number.isNaN(d) ? Infinity : Math.max(worst, d);
  }
  return worst;
}
