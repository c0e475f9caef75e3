// Fixes for an image-producing network (reconstruction, generator) whose last image is not 1×28×28:
// one parameter of the last Conv2d/ConvTranspose2d, found by the same size formulas the analysis uses.
import { inferLayer } from './flat-shapes';
import { fixLayer, insertFix, setFix } from './issue-helpers';
import type { SpecFix } from './issues';
import { SPEC_LIMITS } from './params';
import { convOut, convTransposeOut } from './spatial-shapes';
import type { Conv2dLayer, ConvTranspose2dLayer, NetworkSpec, Shape } from './spec';
import { IMAGE_SHAPE, inputShapeOf } from './spec';

const SIDE = IMAGE_SHAPE[1];

/** What one edit does, for the message: "set output_padding = 1 on layer 9". */
export interface ImageFix {
  text: string;
  fix: SpecFix;
}

/** The per-sample shape layer `index` reads, by re-running inference from the input (null if it stops). */
export function inputShapeAt(spec: NetworkSpec, index: number): Shape | null {
  let shape: Shape | null = inputShapeOf(spec);
  let lastFlatten: { index: number; shape: Shape } | null = null;
  for (let i = 0; i < index && shape; i++) {
    const layer = spec.layers[i];
    const input: Shape = shape;
    shape = inferLayer({ spec, index: i, input, lastFlatten }, layer).output;
    if (layer.kind === 'Flatten' && input.length === 3) lastFlatten = { index: i, shape: input };
  }
  return shape;
}

/** Candidate values nearest the current one first, so the smallest change is offered. */
function nearest(current: number, min: number, max: number): number[] {
  const out: number[] = [];
  for (let delta = 1; current - delta >= min || current + delta <= max; delta++) {
    if (current - delta >= min) out.push(current - delta);
    if (current + delta <= max) out.push(current + delta);
  }
  return out;
}

/** A single-parameter edit of a transposed convolution reading an h×w image that makes it 28×28. */
function transposeFix(conv: ConvTranspose2dLayer, h: number, w: number): ImageFix | null {
  const { kernel_size: k, stride: s, padding: p, output_padding: op, dilation: d } = conv;
  const gives = (kk: number, pp: number, oo: number) =>
    convTransposeOut(h, kk, s, pp, oo, d) === SIDE && convTransposeOut(w, kk, s, pp, oo, d) === SIDE;
  // PyTorch requires output_padding < stride or < dilation.
  for (const o of nearest(op, 0, Math.max(s, d) - 1))
    if (gives(k, p, o)) return at(conv, 'output_padding', o);
  for (const pp of nearest(p, 0, SPEC_LIMITS.maxPadding))
    if (gives(k, pp, op)) return at(conv, 'padding', pp);
  for (const kk of nearest(k, 1, SPEC_LIMITS.maxKernel))
    if (gives(kk, p, op)) return at(conv, 'kernel_size', kk);
  return null;
}

function convFix(conv: Conv2dLayer, h: number, w: number): ImageFix | null {
  const { kernel_size: k, stride: s, padding: p, dilation: d } = conv;
  const gives = (kk: number, pp: number) =>
    convOut(h, kk, s, pp, d) === SIDE && convOut(w, kk, s, pp, d) === SIDE && kk <= Math.max(h, w) + 2 * pp;
  for (const pp of nearest(p, 0, SPEC_LIMITS.maxPadding)) if (gives(k, pp)) return at(conv, 'padding', pp);
  for (const kk of nearest(k, 1, SPEC_LIMITS.maxKernel)) if (gives(kk, p)) return at(conv, 'kernel_size', kk);
  return null;
}

function at(conv: Conv2dLayer | ConvTranspose2dLayer, param: string, value: number): ImageFix {
  return { text: `set ${param} = ${value}`, fix: setFix(conv, param, value) };
}

/** One edit of the shape-setting conv at `index` (whose output is `output`) that gives 1×28×28. */
export function lastConvFix(spec: NetworkSpec, index: number, output: Shape): ImageFix | null {
  const conv = spec.layers[index];
  if (conv.kind !== 'Conv2d' && conv.kind !== 'ConvTranspose2d') return null;
  if (output[0] !== 1) return at(conv, 'out_channels', 1);
  const input = inputShapeAt(spec, index);
  if (!input || input.length !== 3) return null;
  return conv.kind === 'ConvTranspose2d'
    ? transposeFix(conv, input[1], input[2])
    : convFix(conv, input[1], input[2]);
}

/** A layer to append to a C×n×n image that ends at 1×28×28: ConvTranspose2d upsampling below 28, Conv2d above. */
export function appendConvFix(spec: NetworkSpec, output: Shape): ImageFix | null {
  const [c, h, w] = output;
  if (output.length !== 3 || h !== w || h === SIDE) return null;
  const index = spec.layers.length;
  if (h > SIDE) {
    const k = h - SIDE + 1;
    if (k > SPEC_LIMITS.maxKernel) return null;
    const layer = { ...fixLayer(spec, 'Conv2d', index), in_channels: c, out_channels: 1, kernel_size: k };
    const what = `Conv2d(${c} → 1, kernel_size ${k})`;
    return { text: `add ${what} at the end`, fix: insertFix(index, layer, what) };
  }
  // Largest stride whose kernel covers it (k ≥ s, no gaps): 28 = (h-1)s + k, so 14 → k 2 s 2, 7 → k 4 s 4.
  for (let s = Math.min(SPEC_LIMITS.maxStride, SIDE); s >= 1; s--) {
    const k = SIDE - (h - 1) * s;
    if (k < s || k > SPEC_LIMITS.maxKernel) continue;
    const layer = {
      ...fixLayer(spec, 'ConvTranspose2d', index),
      in_channels: c,
      out_channels: 1,
      kernel_size: k,
      stride: s,
      padding: 0,
      output_padding: 0,
    };
    const what = `ConvTranspose2d(${c} → 1, kernel_size ${k}, stride ${s})`;
    return { text: `add ${what} at the end`, fix: insertFix(index, layer, what) };
  }
  return null;
}
