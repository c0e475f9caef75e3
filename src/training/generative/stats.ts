// Plain statistics of a set of generated images, used by the collapse check and by the tests.

export interface SampleStats {
  /** Mean over pixels of the variance across samples: near 0 when every sample looks the same. */
  variance: number;
  meanPixel: number;
  /** Only with logits: how many samples a classifier puts in each class, and its mean top probability. */
  histogram: number[];
  meanMaxProbability: number;
}

/** `images`: n × 784 values; `logits` (optional): at least n × 10 class scores for the same images. */
export function sampleStats(images: Float32Array, logits?: Float32Array, pixels = 784): SampleStats {
  const n = images.length / pixels;
  let variance = 0;
  let total = 0;
  for (let p = 0; p < pixels; p++) {
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const v = images[i * pixels + p];
      sum += v;
      sq += v * v;
    }
    const mean = sum / n;
    variance += sq / n - mean * mean;
    total += sum;
  }
  const histogram = new Array<number>(10).fill(0);
  let maxProb = 0;
  if (logits) {
    for (let i = 0; i < n; i++) {
      const row = logits.subarray(i * 10, i * 10 + 10);
      const top = Math.max(...row);
      let z = 0;
      for (const v of row) z += Math.exp(v - top);
      histogram[row.indexOf(top)] += 1;
      maxProb += 1 / z;
    }
  }
  return {
    variance: variance / pixels,
    meanPixel: total / images.length,
    histogram,
    meanMaxProbability: maxProb / n,
  };
}
