// CPU reference of the detection head's loss and decoding (CenterNet, Zhou et al. 2019), the same maths as
// shaders/centernet_loss.wgsl and centernet_decode.wgsl. The head's output is [B, K + 4, h, w]: K centre
// heatmap logits, then box width and height (in output cells) and the centre's offset within its cell.
import type { Floats } from './matmul';

export interface CenterNetShape {
  batch: number;
  /** K: heatmap channels, one per class. */
  classes: number;
  height: number;
  width: number;
}

export interface CenterNetWeights {
  /** λ of the L1 loss on box sizes (CenterNet: 0.1). */
  size: number;
  /** λ of the L1 loss on centre offsets (CenterNet: 1). */
  offset: number;
}

export const CENTERNET_WEIGHTS: CenterNetWeights = { size: 0.1, offset: 1 };
/** Channels after the K heatmaps: width, height, offset x, offset y. */
export const BOX_CHANNELS = 4;
/** Floats per decoded cell: score, class, x0, y0, x1, y1. */
export const DECODED_FLOATS = 6;

/** log(1 + e^x) without overflow. */
export function softplus(x: number): number {
  return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
}

export function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/** [B, K + 4, h, w] for a shape; throws a specific message on a wrong length. */
export function headSize(shape: CenterNetShape, what: string, length: number): void {
  const { batch, classes, height, width } = shape;
  const want = batch * (classes + BOX_CHANNELS) * height * width;
  if (length !== want)
    throw new Error(
      `centernet: ${what} has ${length} values, [${batch}, ${classes + BOX_CHANNELS}, ${height}, ${width}] needs ${want}`,
    );
}

/**
 * The detection loss, normalised by the number of objects N = max(sum(mask), 1), as CenterNet:
 *   focal: positives (target exactly 1): -(1 - p)² log p; others: -(1 - y)⁴ p² log(1 - p), p = sigmoid(x)
 *   plus λ_size |ŝ - s| and λ_offset |ô - o| at the cells whose mask is 1 (each object's centre cell).
 * `target` is [B, K + 4, h, w] (heatmaps, then sizes and offsets, read where mask is 1), `mask` [B, h, w].
 * Writes d(loss)/d(output) into `grad` (|·|'s gradient at 0 is 0, as in PyTorch) and returns the loss.
 */
export function centerNetLoss(
  output: Floats,
  target: Floats,
  mask: Floats,
  shape: CenterNetShape,
  grad: Floats,
  weights: CenterNetWeights = CENTERNET_WEIGHTS,
): { loss: number; objects: number } {
  const { batch, classes, height, width } = shape;
  headSize(shape, 'the output', output.length);
  headSize(shape, 'the target', target.length);
  headSize(shape, 'the gradient', grad.length);
  const plane = height * width;
  if (mask.length !== batch * plane)
    throw new Error(
      `centernet: the mask has ${mask.length} values, [${batch}, ${height}, ${width}] needs ${batch * plane}`,
    );
  let objects = 0;
  for (let i = 0; i < mask.length; i++) objects += mask[i];
  const inv = 1 / Math.max(objects, 1);
  const channels = classes + BOX_CHANNELS;
  let total = 0;
  for (let b = 0; b < batch; b++) {
    for (let s = 0; s < plane; s++) {
      for (let k = 0; k < classes; k++) {
        const i = (b * channels + k) * plane + s;
        const x = output[i];
        const y = target[i];
        const p = sigmoid(x);
        const q = 1 - p;
        // log p = -softplus(-x), log(1 - p) = -softplus(x): finite for any logit.
        if (y === 1) {
          const logP = -softplus(-x);
          total += -q * q * logP;
          grad[i] = q * q * (2 * p * logP - q) * inv;
        } else {
          const logQ = -softplus(x);
          const w = (1 - y) ** 4;
          total += -w * p * p * logQ;
          grad[i] = w * p * p * (p - 2 * q * logQ) * inv;
        }
      }
      const m = mask[b * plane + s];
      for (let c = 0; c < BOX_CHANNELS; c++) {
        const i = (b * channels + classes + c) * plane + s;
        const lambda = c < 2 ? weights.size : weights.offset;
        const d = output[i] - target[i];
        total += lambda * m * Math.abs(d);
        grad[i] = lambda * m * Math.sign(d) * inv;
      }
    }
  }
  return { loss: total * inv, objects };
}

/**
 * Per cell of each image: the best class whose heatmap logit is a local maximum (at least each of its 8
 * neighbours', CenterNet's 3×3 max-pool test; sigmoid keeps the order), its score sigmoid(logit), and its
 * box in input pixels: centre ((x + offset x)·stride, (y + offset y)·stride), size (w, h)·stride.
 * Writes [B, h·w, 6] = (score, class, x0, y0, x1, y1); score 0 where no class peaks.
 */
export function centerNetDecode(output: Floats, shape: CenterNetShape, stride: number): Float32Array {
  const { batch, classes, height, width } = shape;
  headSize(shape, 'the output', output.length);
  const plane = height * width;
  const channels = classes + BOX_CHANNELS;
  const out = new Float32Array(batch * plane * DECODED_FLOATS);
  for (let b = 0; b < batch; b++) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        let best = -1;
        let bestLogit = -Infinity;
        for (let k = 0; k < classes; k++) {
          const base = (b * channels + k) * plane;
          const v = output[base + y * width + x];
          let peak = true;
          for (let dy = -1; dy <= 1 && peak; dy++) {
            for (let dx = -1; dx <= 1; dx++) {
              const [ny, nx] = [y + dy, x + dx];
              if (ny < 0 || ny >= height || nx < 0 || nx >= width) continue;
              if (output[base + ny * width + nx] > v) {
                peak = false;
                break;
              }
            }
          }
          if (peak && (best < 0 || v > bestLogit)) {
            best = k;
            bestLogit = v;
          }
        }
        const o = (b * plane + y * width + x) * DECODED_FLOATS;
        if (best < 0) continue;
        const reg = (c: number) => output[(b * channels + classes + c) * plane + y * width + x];
        const cx = (x + reg(2)) * stride;
        const cy = (y + reg(3)) * stride;
        const hw = (reg(0) * stride) / 2;
        const hh = (reg(1) * stride) / 2;
        out.set([sigmoid(bestLogit), best, cx - hw, cy - hh, cx + hw, cy + hh], o);
      }
    }
  }
  return out;
}

/**
 * Per-pixel argmax (first maximum) of logits [B, K, H, W] counted against labels [B, H, W]:
 * confusion[label · K + predicted] += 1; labels ≥ K are skipped. Also returns the predicted classes.
 */
export function segmentationConfusion(
  logits: Floats,
  labels: ArrayLike<number>,
  shape: readonly number[],
): { confusion: Uint32Array; predicted: Uint32Array } {
  const [batch, classes, height, width] = shape;
  const plane = height * width;
  if (logits.length !== batch * classes * plane || labels.length !== batch * plane)
    throw new Error(
      `segmentation: ${logits.length} logits and ${labels.length} labels do not fit [${shape}]`,
    );
  const confusion = new Uint32Array(classes * classes);
  const predicted = new Uint32Array(batch * plane);
  for (let b = 0; b < batch; b++) {
    for (let s = 0; s < plane; s++) {
      const base = b * classes * plane + s;
      let arg = 0;
      for (let k = 1; k < classes; k++) if (logits[base + k * plane] > logits[base + arg * plane]) arg = k;
      predicted[b * plane + s] = arg;
      const label = labels[b * plane + s];
      if (label < classes) confusion[label * classes + arg] += 1;
    }
  }
  return { confusion, predicted };
}
