// conv2d forward: y[n,co,oy,ox] = bias[co] + sum_{ci,ky,kx} x[n,ci,oy*sh-ph+ky*dh, ox*sw-pw+kx*dw] w[co,ci,ky,kx],
// then max(y, 0) when relu. At stride 1 (when the padded image fits the scratch), per image, reading the taps
// straight from the padded input (conv_direct.ts); otherwise per image and tile of outputs, the unrolled
// input (im2col) times w [cout, K]. Both sum in the same order, so they give the same bits. Threads share
// the images (or the (image, tile) pairs); conv_transpose2d's input gradient is this same pass.
import { setShape } from './common/conv_args';
import { directFloats, directForward, directOffsets, padImage } from './common/conv_direct';
import { roundUp8, SHAPE_BYTES, tileCols, tileFloats, tileRows } from './common/conv_tiles';
import { gemmBcast, INIT_LOAD, INIT_ROW_BIAS, INIT_ZERO } from './common/gemm_bcast';
import { im2col } from './common/im2col';
import { scratchAt, scratchFloats } from './common/scratch';
import { partStart } from './common/split';

export function conv2dForward(
  x: usize,
  w: usize,
  bias: usize,
  y: usize,
  n: i32,
  cin: i32,
  h: i32,
  wd: i32,
  cout: i32,
  kh: i32,
  kw: i32,
  oh: i32,
  ow: i32,
  sh: i32,
  sw: i32,
  ph: i32,
  pw: i32,
  dh: i32,
  dw: i32,
  relu: i32,
  part: i32,
  parts: i32,
): void {
  const base = scratchAt();
  const s = setShape(base, cin, h, wd, kh, kw, oh, ow, sh, sw, ph, pw, dh, dw);
  const col = base + SHAPE_BYTES;
  const capacity = tileFloats(scratchFloats());
  const K = cin * kh * kw;
  const P = oh * ow;
  if (sh == 1 && sw == 1 && directFloats(s) <= capacity) {
    const hp = h + 2 * ph;
    const wp = wd + 2 * pw;
    const padded = ph > 0 || pw > 0;
    const offsets = col;
    const xp = offsets + ((<usize>((K + 3) & ~3)) << 2);
    directOffsets(s, padded ? hp : h, padded ? wp : wd, offsets);
    const last = partStart(n, part + 1, parts);
    for (let img = partStart(n, part, parts); img < last; img++) {
      const xi = x + ((<usize>img * cin * h * wd) << 2);
      if (padded) padImage(s, xi, xp);
      const yi = y + ((<usize>img * cout * P) << 2);
      directForward(s, padded ? xp : xi, padded ? wp : wd, offsets, w, bias, yi, cout, relu != 0);
    }
    return;
  }
  const rows = tileRows(K, capacity);
  const cols = tileCols(P, rows, capacity);
  const tiles = (P + cols - 1) / cols;
  const items = n * tiles;
  const end = partStart(items, part + 1, parts);
  for (let item = partStart(items, part, parts); item < end; item++) {
    const img = item / tiles;
    const p0 = (item % tiles) * cols;
    const p1 = min(P, p0 + cols);
    const width = roundUp8(p1 - p0);
    const xi = x + ((<usize>img * cin * h * wd) << 2);
    const yi = y + ((<usize>img * cout * P + p0) << 2);
    for (let k0 = 0; k0 < K; k0 += rows) {
      const k1 = min(K, k0 + rows);
      im2col(s, xi, k0, k1, p0, p1, width, col);
      const init = k0 > 0 ? INIT_LOAD : bias ? INIT_ROW_BIAS : INIT_ZERO;
      gemmBcast(
        cout,
        p1 - p0,
        k1 - k0,
        w + ((<usize>k0) << 2),
        (<usize>K) << 2,
        4,
        col,
        (<usize>width) << 2,
        yi,
        (<usize>P) << 2,
        init,
        bias,
        relu != 0 && k1 == K,
      );
    }
  }
}
