// Colourings shared by the lesson widgets: pixels in grey-to-yellow, signed responses in blue-white-red.
import { diverging, maxAbs, sequential, type Rgb } from '../../inspect/colour';

export const pixelColour = (v: number): Rgb => sequential(v);

/** A diverging colouring scaled to the largest magnitude in `values`. */
export function signedColour(values: ArrayLike<number>): (v: number) => Rgb {
  const scale = maxAbs(values);
  return (v) => diverging(v, scale);
}
