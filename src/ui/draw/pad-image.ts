// A pad's pixels as an image, shared by the prediction pad and the example pad so that what is drawn to
// test and drawn to train are made alike: MNIST's crop, scale and centring found from the ink, and for a
// colour dataset the brush's colour kept, each plane moved exactly as the ink is.
import { toMnistPlanes } from './preprocess';

/**
 * The side×side RGBA drawing as 28×28 planes of values in 0..1: one plane of ink (its alpha), or, when
 * `colour`, red, green and blue after each other. Canvas colours are not premultiplied: a half-covered
 * edge pixel is its colour at half the ink.
 */
export function padPlanes(rgba: Uint8ClampedArray, side: number, colour: boolean): Float32Array {
  const area = side * side;
  const ink = Float32Array.from({ length: area }, (_, i) => rgba[4 * i + 3] / 255);
  const planes = colour
    ? [0, 1, 2].map((c) => Float32Array.from({ length: area }, (_, i) => (rgba[4 * i + c] / 255) * ink[i]))
    : [ink];
  const moved = toMnistPlanes(ink, side, side, planes);
  const out = new Float32Array(moved.length * moved[0].length);
  moved.forEach((p, c) => out.set(p, c * p.length));
  return out;
}
