// What the judge (a digit classifier) says about a set of images: how sure it is, which digits it sees,
// and the MNIST inception score exp(E_x[KL(p(y|x) ‖ p(y))]), high when every image is one clear digit
// and all ten digits are equally common (at most 10), 1 when every image looks alike or like no digit.

export const DIGITS = 10;

export interface DigitScores {
  /** Images scored. */
  count: number;
  /** Mean over images of the judge's top-class probability. */
  confidence: number;
  /** Images per digit, by the judge's top class. */
  histogram: number[];
  /** exp(mean over images of KL(p(y|x) ‖ p(y))), p(y) the mean of the images' distributions. */
  inceptionScore: number;
}

/** The digit score of a generator's images: for an autoencoder, also the share of reconstructions that the
 *  judge calls their original's digit; for a conditional GAN, the share it calls the digit asked for. */
export interface DigitScore extends DigitScores {
  recognised?: number;
}

/** Index of the largest of `p[from .. from + DIGITS)`, the first one on ties. */
export function topClass(p: ArrayLike<number>, from = 0): number {
  let best = 0;
  for (let c = 1; c < DIGITS; c++) if (p[from + c] > p[from + best]) best = c;
  return best;
}

/** Scores of `probs`: count × 10 class probabilities (each row sums to 1). */
export function digitScores(probs: ArrayLike<number>): DigitScores {
  if (probs.length === 0 || probs.length % DIGITS !== 0) {
    throw new Error(`digit scores need rows of ${DIGITS} probabilities, got ${probs.length} values`);
  }
  const count = probs.length / DIGITS;
  const marginal = new Float64Array(DIGITS);
  const histogram = new Array<number>(DIGITS).fill(0);
  let confidence = 0;
  for (let i = 0; i < count; i++) {
    const top = topClass(probs, i * DIGITS);
    histogram[top] += 1;
    confidence += probs[i * DIGITS + top];
    for (let c = 0; c < DIGITS; c++) marginal[c] += probs[i * DIGITS + c] / count;
  }
  // KL(p ‖ q) = Σ p log(p / q); a zero p contributes nothing.
  let kl = 0;
  for (let i = 0; i < count; i++) {
    for (let c = 0; c < DIGITS; c++) {
      const p = probs[i * DIGITS + c];
      if (p > 0) kl += p * Math.log(p / marginal[c]);
    }
  }
  return { count, confidence: confidence / count, histogram, inceptionScore: Math.exp(kl / count) };
}

/** The fraction of images whose top class is `labels[i]` (reconstructions judged as their originals' digit). */
export function agreement(probs: ArrayLike<number>, labels: ArrayLike<number>): number {
  const count = probs.length / DIGITS;
  if (labels.length < count) throw new Error(`${count} images but only ${labels.length} labels`);
  let hits = 0;
  for (let i = 0; i < count; i++) if (topClass(probs, i * DIGITS) === labels[i]) hits += 1;
  return count === 0 ? 0 : hits / count;
}

/** Softmax of each row of logits (count × 10), into a new array. */
export function softmaxRows(logits: ArrayLike<number>): Float32Array {
  const out = new Float32Array(logits.length);
  for (let i = 0; i < logits.length; i += DIGITS) {
    let max = -Infinity;
    for (let c = 0; c < DIGITS; c++) max = Math.max(max, logits[i + c]);
    let sum = 0;
    for (let c = 0; c < DIGITS; c++) sum += Math.exp(logits[i + c] - max);
    for (let c = 0; c < DIGITS; c++) out[i + c] = Math.exp(logits[i + c] - max) / sum;
  }
  return out;
}
