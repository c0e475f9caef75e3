// Resolved geometry of a 2-D convolution, shared by conv2d and conv_transpose2d on GPU and CPU.
// A transposed convolution is described by the conv2d it is the adjoint of: its output plays the conv's
// input and its input plays the conv's output, with the same weight layout, so every kernel serves both.
// With groups G, channels split into G equal blocks and block g of the output sees only block g of the
// input: the weight is [cout, cin/G, kh, kw] (PyTorch's layout), and a conv_transpose2d's weight
// [cin_t, cout_t/G, kh, kw] is exactly that layout for the conv2d it transposes.

import { convOut, convTransposeOut } from '../geometry';

export type Pair = readonly [number, number];

/** PyTorch's nn.Conv2d options; a number means the same value for height and width. */
export interface Conv2dParams {
  stride?: number | Pair;
  padding?: number | Pair;
  dilation?: number | Pair;
  /** Channel groups; in and out channels must both be divisible by it (PyTorch's default 1). */
  groups?: number;
}

/** PyTorch's nn.ConvTranspose2d options. */
export interface ConvTranspose2dParams extends Conv2dParams {
  outputPadding?: number | Pair;
}

/**
 * Conv2d geometry: input x [n, cin, h, w], weight [cout, cin / groups, kh, kw], output [n, cout, oh, ow].
 * cin and cout count all channels, not one group's.
 */
export interface ConvGeometry {
  n: number;
  cin: number;
  h: number;
  w: number;
  cout: number;
  kh: number;
  kw: number;
  oh: number;
  ow: number;
  sh: number;
  sw: number;
  ph: number;
  pw: number;
  dh: number;
  dw: number;
  groups: number;
}

function pair(name: string, v: number | Pair | undefined, fallback: number, min: number): Pair {
  const p: Pair = v === undefined ? [fallback, fallback] : typeof v === 'number' ? [v, v] : v;
  for (const x of p) {
    if (!Number.isInteger(x) || x < min) throw new Error(`${name} must be integers >= ${min}, got [${p}]`);
  }
  return p;
}

/** Checks `groups` against the channel counts the way PyTorch words it, and returns it. */
function checkGroups(op: string, groups: number | undefined, cin: number, cout: number): number {
  const gs = groups ?? 1;
  if (!Number.isInteger(gs) || gs < 1) throw new Error(`${op} groups must be an integer >= 1, got ${gs}`);
  if (cin % gs !== 0) throw new Error(`${op}: in_channels ${cin} must be divisible by groups ${gs}`);
  if (cout % gs !== 0) throw new Error(`${op}: out_channels ${cout} must be divisible by groups ${gs}`);
  return gs;
}

function check4d(name: string, shape: readonly number[]): void {
  if (shape.length !== 4 || shape.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new Error(`${name} must have 4 positive dimensions, got [${shape}]`);
  }
}

/** Geometry of conv2d(x [n,cin,h,w], weight [cout,cin/groups,kh,kw]); throws a specific Error on bad input. */
export function conv2dGeometry(
  xShape: readonly number[],
  wShape: readonly number[],
  params: Conv2dParams = {},
): ConvGeometry {
  check4d('conv2d input', xShape);
  check4d('conv2d weight', wShape);
  const [n, cin, h, w] = xShape;
  const [cout, wcin, kh, kw] = wShape;
  const groups = checkGroups('conv2d', params.groups, cin, cout);
  if (wcin * groups !== cin) {
    const per = groups === 1 ? '' : ` (${wcin} per group x ${groups} groups)`;
    throw new Error(`conv2d weight expects ${wcin * groups} input channels${per}, input has ${cin}`);
  }
  const [sh, sw] = pair('conv2d stride', params.stride, 1, 1);
  const [ph, pw] = pair('conv2d padding', params.padding, 0, 0);
  const [dh, dw] = pair('conv2d dilation', params.dilation, 1, 1);
  const oh = convOut(h, kh, sh, ph, dh);
  const ow = convOut(w, kw, sw, pw, dw);
  if (oh < 1 || ow < 1) {
    throw new Error(
      `conv2d output would be ${oh}x${ow}: kernel (dilated) larger than padded input ${h}x${w}`,
    );
  }
  return { n, cin, h, w, cout, kh, kw, oh, ow, sh, sw, ph, pw, dh, dw, groups };
}

/**
 * Geometry of conv_transpose2d(x [n,cin,h,w], weight [cin,cout/groups,kh,kw]) as the conv2d it transposes:
 * the result's `cin, h, w` are the transposed conv's OUTPUT channels and size, `cout, oh, ow` its input's.
 */
export function convTranspose2dGeometry(
  xShape: readonly number[],
  wShape: readonly number[],
  params: ConvTranspose2dParams = {},
): ConvGeometry {
  check4d('conv_transpose2d input', xShape);
  check4d('conv_transpose2d weight', wShape);
  const [n, cin, h, w] = xShape;
  const [wcin, wcout, kh, kw] = wShape;
  if (wcin !== cin)
    throw new Error(`conv_transpose2d weight expects ${wcin} input channels, input has ${cin}`);
  const groups = checkGroups('conv_transpose2d', params.groups, cin, wcout * (params.groups ?? 1));
  const cout = wcout * groups;
  const [sh, sw] = pair('conv_transpose2d stride', params.stride, 1, 1);
  const [ph, pw] = pair('conv_transpose2d padding', params.padding, 0, 0);
  const [dh, dw] = pair('conv_transpose2d dilation', params.dilation, 1, 1);
  const [oph, opw] = pair('conv_transpose2d output_padding', params.outputPadding, 0, 0);
  // PyTorch: "output padding must be smaller than either stride or dilation".
  if (!(oph < sh || oph < dh) || !(opw < sw || opw < dw)) {
    throw new Error(
      `conv_transpose2d output_padding [${oph},${opw}] must be smaller than stride [${sh},${sw}] or dilation [${dh},${dw}]`,
    );
  }
  const outH = convTransposeOut(h, kh, sh, ph, dh, oph);
  const outW = convTransposeOut(w, kw, sw, pw, dw, opw);
  if (outH < 1 || outW < 1) {
    throw new Error(
      `conv_transpose2d output would be ${outH}x${outW}: padding too large for input ${h}x${w}`,
    );
  }
  return { n, cin: cout, h: outH, w: outW, cout: cin, kh, kw, oh: h, ow: w, sh, sw, ph, pw, dh, dw, groups };
}

/** Shape of conv2d's output [n, cout, oh, ow], for allocating it; throws like conv2dGeometry. */
export function conv2dOutputShape(
  xShape: readonly number[],
  wShape: readonly number[],
  params?: Conv2dParams,
) {
  const g = conv2dGeometry(xShape, wShape, params);
  return [g.n, g.cout, g.oh, g.ow];
}

/** Shape of conv_transpose2d's output [n, cout, oh, ow]; throws like convTranspose2dGeometry. */
export function convTranspose2dOutputShape(
  xShape: readonly number[],
  wShape: readonly number[],
  params?: ConvTranspose2dParams,
) {
  const g = convTranspose2dGeometry(xShape, wShape, params);
  return [g.n, g.cin, g.h, g.w];
}

/** Multiply-adds times two of one conv pass (forward, dx and dW all cost the same). */
export function convFlops(g: ConvGeometry): number {
  return (2 * g.n * g.cout * g.oh * g.ow * g.cin * g.kh * g.kw) / g.groups;
}

export function sameShape(name: string, actual: readonly number[], expected: readonly number[]): void {
  if (actual.length !== expected.length || actual.some((d, i) => d !== expected[i])) {
    throw new Error(`${name} has shape [${actual}], expected [${expected}]`);
  }
}
