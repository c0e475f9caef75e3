// Colours of the scene overlays: one per digit (Okabe–Ito's colour-blind-safe set, then two more), and
// how a label map blends onto a greyscale scene.

/** RGB of digit d's overlay, d = 0..9. */
export const DIGIT_COLOURS: readonly (readonly [number, number, number])[] = [
  [230, 159, 0],
  [86, 180, 233],
  [0, 158, 115],
  [240, 228, 66],
  [0, 114, 178],
  [213, 94, 0],
  [204, 121, 167],
  [160, 160, 255],
  [255, 90, 90],
  [120, 220, 120],
];

export const digitCss = (d: number) => `rgb(${DIGIT_COLOURS[d % 10].join(', ')})`;

/**
 * RGBA pixels of a scene (side² grey levels 0..255) with a label map laid over it (0 background, 1 + digit,
 * or null for the plain scene): labelled pixels take `alpha` of their digit's colour.
 */
export function overlayPixels(
  image: Uint8Array,
  labels: Uint8Array | null,
  alpha = 0.65,
): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(new ArrayBuffer(image.length * 4));
  for (let p = 0; p < image.length; p++) {
    const grey = image[p];
    const label = labels ? labels[p] : 0;
    const rgb = label > 0 ? DIGIT_COLOURS[(label - 1) % 10] : null;
    for (let c = 0; c < 3; c++) out[4 * p + c] = rgb ? grey * (1 - alpha) + rgb[c] * alpha : grey;
    out[4 * p + 3] = 255;
  }
  return out;
}
