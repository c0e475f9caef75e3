// Softmax in the steps the animation shows: shift by the largest score (the same result, no overflow),
// exponentiate, divide by the sum. Over a vector, or per pixel over the channels of an image.

export interface SoftmaxSteps {
  scores: number[];
  shifted: number[];
  exps: number[];
  sum: number;
  probabilities: number[];
}

export function softmaxSteps(scores: number[]): SoftmaxSteps {
  const max = Math.max(...scores);
  const shifted = scores.map((s) => s - max);
  const exps = shifted.map(Math.exp);
  const sum = exps.reduce((a, b) => a + b, 0);
  return { scores, shifted, exps, sum, probabilities: exps.map((e) => e / sum) };
}

/** The values softmax normalises together: vector v of a flat [N] (v = 0), or pixel v's channels. */
export function vectorAt(data: Float32Array, shape: readonly number[], v: number): number[] {
  if (shape.length !== 3) return Array.from(data);
  const plane = shape[1] * shape[2];
  return Array.from({ length: shape[0] }, (_, c) => data[c * plane + v]);
}

/** Softmax of every vector, laid out as the input. */
export function softmaxAll(data: Float32Array, shape: readonly number[]): Float32Array {
  const out = new Float32Array(data.length);
  const image = shape.length === 3;
  const vectors = image ? shape[1] * shape[2] : 1;
  for (let v = 0; v < vectors; v++)
    softmaxSteps(vectorAt(data, shape, v)).probabilities.forEach((p, c) => {
      out[image ? c * vectors + v : c] = p;
    });
  return out;
}
