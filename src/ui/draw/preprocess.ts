import { tr } from '../../i18n';
// Turns a drawing into an MNIST-like 28×28 image, the way the MNIST digits were made (LeCun et al.):
// crop to the ink's bounding box, scale it to fit 20×20 keeping the aspect ratio (area-averaged, so
// anti-aliased), then place it in a 28×28 field so the ink's centre of mass sits at the field's centre.

export const SIDE = 28;
export const BOX = 20;
const INK_THRESHOLD = 0.05;

interface Box {
  x0: number;
  y0: number;
  w: number;
  h: number;
}

function inkBounds(ink: Float32Array, width: number, height: number): Box | null {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] > INK_THRESHOLD) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x0, y0, w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

/** Overlap of source pixel [i, i+1) with the interval [a, b): the weight of that pixel in an area average. */
const coverage = (a: number, b: number, i: number) => Math.max(0, Math.min(b, i + 1) - Math.max(a, i));

/** Area-averages the box of `ink` into an outW×outH image. */
function resample(ink: Float32Array, width: number, box: Box, outW: number, outH: number): Float32Array {
  const out = new Float32Array(outW * outH);
  const sx = box.w / outW;
  const sy = box.h / outH;
  for (let v = 0; v < outH; v++) {
    const ya = box.y0 + v * sy;
    const yb = ya + sy;
    for (let u = 0; u < outW; u++) {
      const xa = box.x0 + u * sx;
      const xb = xa + sx;
      let sum = 0;
      for (let y = Math.floor(ya); y < Math.ceil(yb); y++) {
        const wy = coverage(ya, yb, y);
        for (let x = Math.floor(xa); x < Math.ceil(xb); x++)
          sum += wy * coverage(xa, xb, x) * ink[y * width + x];
      }
      out[v * outW + u] = sum / (sx * sy);
    }
  }
  return out;
}

/**
 * `ink` holds width×height values in 0..1 (1 = full ink). Returns 784 values in 0..1, row-major, white ink
 * on black like MNIST; all zeros when nothing is drawn.
 */
export function toMnistImage(ink: Float32Array, width: number, height: number): Float32Array {
  return toMnistPlanes(ink, width, height, [ink])[0];
}

/**
 * The crop, scale and centring that toMnistImage finds from `ink`, applied alike to each of `planes`
 * (width×height values each: a colour drawing's red, green and blue, premultiplied by its ink), so the
 * colours land where the ink does. Each result is 784 values; all zeros when nothing is drawn.
 */
export function toMnistPlanes(
  ink: Float32Array,
  width: number,
  height: number,
  planes: Float32Array[],
): Float32Array[] {
  if (ink.length !== width * height || planes.some((p) => p.length !== ink.length)) {
    throw new Error(
      tr('ui:preprocess.theDrawingHasValues', { ink: ink.length, width, height, width2: width * height }),
    );
  }
  const outs = planes.map(() => new Float32Array(SIDE * SIDE));
  const box = inkBounds(ink, width, height);
  if (!box) return outs;
  const scale = BOX / Math.max(box.w, box.h);
  const w = Math.max(1, Math.round(box.w * scale));
  const h = Math.max(1, Math.round(box.h * scale));
  const small = resample(ink, width, box, w, h);
  let mass = 0;
  let mx = 0;
  let my = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const m = small[y * w + x];
      mass += m;
      mx += (x + 0.5) * m;
      my += (y + 0.5) * m;
    }
  }
  // Shift so the centre of mass lands on the field's centre (14, 14) in continuous coordinates.
  const ox = Math.round(SIDE / 2 - mx / mass);
  const oy = Math.round(SIDE / 2 - my / mass);
  planes.forEach((plane, k) => {
    const values = plane === ink ? small : resample(plane, width, box, w, h);
    const out = outs[k];
    for (let y = 0; y < h; y++) {
      const ty = y + oy;
      if (ty < 0 || ty >= SIDE) continue;
      for (let x = 0; x < w; x++) {
        const tx = x + ox;
        if (tx >= 0 && tx < SIDE) out[ty * SIDE + tx] = Math.min(1, values[y * w + x]);
      }
    }
  });
  return outs;
}
