// The scene pad's drawing as the network's input: the canvas's ink area-averaged down to the scene's side,
// keeping where each stroke is (a scene is not cropped or centred like a single MNIST digit).

/** `ink` is width × height values in 0..1; returns side × side values in 0..1, row-major. */
export function toScene(ink: Float32Array, width: number, height: number, side: number): Float32Array {
  if (ink.length !== width * height) throw new Error(`${ink.length} ink values for a ${width}×${height} pad`);
  const out = new Float32Array(side * side);
  const sx = width / side;
  const sy = height / side;
  for (let v = 0; v < side; v++) {
    const y0 = Math.floor(v * sy);
    const y1 = Math.max(y0 + 1, Math.floor((v + 1) * sy));
    for (let u = 0; u < side; u++) {
      const x0 = Math.floor(u * sx);
      const x1 = Math.max(x0 + 1, Math.floor((u + 1) * sx));
      let sum = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) sum += ink[y * width + x];
      out[v * side + u] = Math.min(1, sum / ((y1 - y0) * (x1 - x0)));
    }
  }
  return out;
}

/** The pen width on a pad of `size` screen pixels for a scene of `side`: about 2.5 scene pixels, like the digits' strokes. */
export function penWidth(size: number, side: number): number {
  return Math.max(2, Math.round((2.5 * size) / side));
}

/** A label map's classes by their share of the labelled pixels (label 1 + d is class d), largest first. */
export function digitShares(labels: Uint8Array): { digit: number; share: number }[] {
  const counts = new Array<number>(10).fill(0);
  for (const l of labels) if (l > 0) counts[(l - 1) % 10]++;
  const total = counts.reduce((a, b) => a + b, 0);
  return counts
    .map((n, digit) => ({ digit, share: total > 0 ? n / total : 0 }))
    .filter((d) => d.share > 0)
    .sort((a, b) => b.share - a.share || a.digit - b.digit);
}

/** Class `d`'s name: a digit's own numeral on MNIST, the garment on Fashion-MNIST. */
export const className = (names: readonly string[], d: number): string => names[d] ?? String(d);

/**
 * What the network made of a drawing, in words: the classes of its label map (those with at least 5% of
 * the pixels not labelled background), or the boxes scoring at least `minScore`, best first. `names` are
 * the dataset's class names, so a Fashion-MNIST scene reads in garments, not digits.
 */
export function answerText(
  answer: { maps?: Uint8Array; detections?: { label: number; score: number }[][] },
  minScore: number,
  names: readonly string[],
): string {
  if (answer.maps) {
    const shares = digitShares(answer.maps).filter((d) => d.share >= 0.05);
    if (shares.length === 0) return 'Every pixel labelled background: nothing found.';
    const parts = shares.map(
      (d) => `${className(names, d.digit)} (${Math.round(d.share * 100)}% of the non-background pixels)`,
    );
    return `Labelled as ${parts.join(', ')}.`;
  }
  const found = (answer.detections?.[0] ?? []).filter((d) => d.score >= minScore);
  if (found.length === 0) return `No box scores at least ${minScore.toFixed(2)}.`;
  const parts = [...found]
    .sort((a, b) => b.score - a.score)
    .map((d) => `${className(names, d.label)} (score ${d.score.toFixed(2)})`);
  return `Found ${parts.join(', ')}.`;
}
