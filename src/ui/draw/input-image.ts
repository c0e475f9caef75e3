// The network's input as a picture, whatever its shape: [1, h, w] grey or [3, h, w] colour planes. The
// draw pad's 28×28 grey drawing is fitted to the design's input (resized, repeated in every colour), and
// images (bytes 0..255 or values 0..1) become canvas RGBA.
import { convertValues, GREY_28, sameShape, type ImageShape } from '../mydata/image-shape';
import { padPlanes } from './pad-image';
import { toMnistImage } from './preprocess';

/** A colour drawing's shape once preprocessed: three 28×28 planes. */
export const COLOUR_28: ImageShape = [3, 28, 28];

/** The input shape as an image's [channels, h, w]; a shape that is not one (a generator's noise): 28×28 grey. */
export function imageShapeOf(shape: readonly number[]): ImageShape {
  return shape.length === 3 && (shape[0] === 1 || shape[0] === 3) ? [shape[0], shape[1], shape[2]] : GREY_28;
}

/** The pad's drawing (values in 0..1 of shape `from`: 28×28 grey or colour) as the design's input image. */
export function fitDrawing(
  drawing: Float32Array,
  shape: readonly number[],
  from: ImageShape = GREY_28,
): Float32Array {
  const to = imageShapeOf(shape);
  return sameShape(to, from) ? drawing : convertValues(drawing, from, to);
}

/**
 * The prediction pad's side×side RGBA as the design's input: for a colour input the brush's colours (as
 * the example pad keeps them), else grey from the strokes' brightest channel (white strokes: their red,
 * as MNIST's ink), preprocessed like MNIST and fitted to the input's shape.
 */
export function padInput(rgba: Uint8ClampedArray, side: number, shape: readonly number[]): Float32Array {
  if (imageShapeOf(shape)[0] === 3) return fitDrawing(padPlanes(rgba, side, true), shape, COLOUR_28);
  const ink = Float32Array.from(
    { length: side * side },
    (_, i) => Math.max(rgba[4 * i], rgba[4 * i + 1], rgba[4 * i + 2]) / 255,
  );
  return fitDrawing(toMnistImage(ink, side, side), shape);
}

/** Values (0..`max`) of `shape` as canvas RGBA: grey repeated in each colour, or the three planes interleaved. */
export function rgbaOf(
  values: ArrayLike<number>,
  [channels, h, w]: ImageShape,
  max = 255,
): Uint8ClampedArray<ArrayBuffer> {
  const plane = h * w;
  const out = new Uint8ClampedArray(4 * plane);
  const byte = (v: number) => Math.round((255 * v) / max);
  for (let i = 0; i < plane; i++) {
    const grey = channels === 1;
    out[4 * i] = byte(values[i]);
    out[4 * i + 1] = byte(values[grey ? i : plane + i]);
    out[4 * i + 2] = byte(values[grey ? i : 2 * plane + i]);
    out[4 * i + 3] = 255;
  }
  return out;
}
