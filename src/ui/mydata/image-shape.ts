// The shape of the user's images, [channels, height, width]: grey (1 channel) or colour (red, green and
// blue planes), square, of a side the panel offers. Examples move between shapes by an area-weighted resize
// of each plane and, between grey and colour, by luminance (ITU-R BT.601, as PIL's "L") or by repeating
// the grey in every colour.

export type ImageShape = readonly [number, number, number];

export const GREY_28: ImageShape = [1, 28, 28];
/** The sides the panel offers: MNIST's, CIFAR's, and larger ones for photos (96: where the GPU's memory
 *  allows, which the design's memory check and the trainer's dataset check say). */
export const SIDES = [28, 32, 48, 64, 96] as const;

export const pixelsOf = ([c, h, w]: ImageShape) => c * h * w;
export const sameShape = (a: ImageShape, b: ImageShape) => a.join('×') === b.join('×');

/** True for a shape the panel can make: 1 or 3 channels, square, of one of SIDES. */
export function isImageShape(value: unknown): value is ImageShape {
  if (!Array.isArray(value) || value.length !== 3) return false;
  const [c, h, w] = value as unknown[];
  return (c === 1 || c === 3) && h === w && (SIDES as readonly unknown[]).includes(h);
}

/** A sw×sh plane resized to dw×dh, each output pixel the area-weighted mean of the input it covers. */
export function resizePlane(src: Float32Array, sw: number, sh: number, dw: number, dh: number): Float32Array {
  const out = new Float32Array(dw * dh);
  const fx = sw / dw;
  const fy = sh / dh;
  for (let y = 0; y < dh; y++) {
    for (let x = 0; x < dw; x++) {
      let sum = 0;
      for (let sy = Math.floor(y * fy); sy < Math.ceil((y + 1) * fy); sy++) {
        const wy = Math.min(sy + 1, (y + 1) * fy) - Math.max(sy, y * fy);
        for (let sx = Math.floor(x * fx); sx < Math.ceil((x + 1) * fx); sx++) {
          const wx = Math.min(sx + 1, (x + 1) * fx) - Math.max(sx, x * fx);
          sum += wx * wy * src[sy * sw + sx];
        }
      }
      out[y * dw + x] = sum / (fx * fy);
    }
  }
  return out;
}

/** Values of shape `from` (planes one after another) as shape `to`, unrounded. */
export function convertValues(src: ArrayLike<number>, from: ImageShape, to: ImageShape): Float32Array {
  const [fc, fh, fw] = from;
  const [tc, th, tw] = to;
  if (src.length !== pixelsOf(from))
    throw new Error(`an image of ${from.join('×')} has ${pixelsOf(from)} values, not ${src.length}`);
  const plane = fh * fw;
  const planes =
    fc === tc
      ? Array.from({ length: fc }, (_, c) =>
          Float32Array.from({ length: plane }, (_, i) => src[c * plane + i]),
        )
      : tc === 1
        ? [
            Float32Array.from(
              { length: plane },
              (_, i) => 0.299 * src[i] + 0.587 * src[plane + i] + 0.114 * src[2 * plane + i],
            ),
          ]
        : Array.from({ length: tc }, () => Float32Array.from({ length: plane }, (_, i) => src[i]));
  const out = new Float32Array(pixelsOf(to));
  planes.forEach((p, c) => out.set(fh === th && fw === tw ? p : resizePlane(p, fw, fh, tw, th), c * th * tw));
  return out;
}

/** Bytes of shape `from` as bytes of shape `to`. */
export function convertImage(src: Uint8Array, from: ImageShape, to: ImageShape): Uint8Array {
  if (sameShape(from, to)) return src;
  return Uint8Array.from(convertValues(src, from, to), (v) => Math.round(v));
}
