// conv2d weight gradient: dw[co,ci,ky,kx] = sum_{n,oy,ox} dy[n,co,oy,ox] x[n,ci,oy*sh-ph+ky*dh, ox*sw-pw+kx*dw].
// At stride 1 (when the padded image fits the scratch), per image, dy's planes against the padded input
// shifted per tap (conv_direct_weight.ts); otherwise per image and tile, rows of dy [cout, tile] against rows
// of the unrolled input, both contiguous along the tile (the dot form). Either way added into dw image after
// image. Threads share the columns k = (ci, ky, kx) of dw; conv_transpose2d's weight gradient is this pass
// with x and dy swapped.
import { setShape } from './common/conv_args';
import { directFloats, directOffsets, padImage } from './common/conv_direct';
import { directWeightGrad } from './common/conv_direct_weight';
import { roundUp8, SHAPE_BYTES, tileCols, tileFloats, tileRows } from './common/conv_tiles';
import { DOT_LOAD, gemmDot } from './common/gemm_dot';
import { im2col } from './common/im2col';
import { scratchAt, scratchFloats } from './common/scratch';
import { partStart } from './common/split';

export function conv2dBackwardWeight(
  x: usize,
  dy: usize,
  dweight: usize,
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
  part: i32,
  parts: i32,
): void {
  const base = scratchAt();
  const s = setShape(base, cin, h, wd, kh, kw, oh, ow, sh, sw, ph, pw, dh, dw);
  const col = base + SHAPE_BYTES;
  const capacity = tileFloats(scratchFloats());
  const K = cin * kh * kw;
  const P = oh * ow;
  const rows = tileRows(K, capacity);
  const cols = tileCols(P, rows, capacity);
  // Whole groups of 4 columns per thread, so each keeps to full dot blocks.
  const groups = (K + 3) >> 2;
  const ka = min(K, partStart(groups, part, parts) << 2);
  const kb = min(K, partStart(groups, part + 1, parts) << 2);
  if (ka >= kb) return;
  for (let co = 0; co < cout; co++)
    memory.fill(dweight + ((<usize>co * K + ka) << 2), 0, (<usize>(kb - ka)) << 2);
  if (sh == 1 && sw == 1 && directFloats(s) <= capacity) {
    const padded = ph > 0 || pw > 0;
    const hp = padded ? h + 2 * ph : h;
    const wp = padded ? wd + 2 * pw : wd;
    const offsets = col;
    const xp = offsets + ((<usize>((K + 3) & ~3)) << 2);
    directOffsets(s, hp, wp, offsets);
    for (let img = 0; img < n; img++) {
      const xi = x + ((<usize>img * cin * h * wd) << 2);
      if (padded) padImage(s, xi, xp);
      const dyi = dy + ((<usize>img * cout * P) << 2);
      directWeightGrad(s, padded ? xp : xi, wp, offsets, dyi, dweight, cout, ka, kb);
    }
    return;
  }
  for (let img = 0; img < n; img++) {
    const xi = x + ((<usize>img * cin * h * wd) << 2);
    const dyi = dy + ((<usize>img * cout * P) << 2);
    for (let p0 = 0; p0 < P; p0 += cols) {
      const p1 = min(P, p0 + cols);
      const width = roundUp8(p1 - p0);
      for (let k0 = ka; k0 < kb; k0 += rows) {
        const k1 = min(kb, k0 + rows);
        im2col(s, xi, k0, k1, p0, p1, width, col);
        gemmDot(
          cout,
          k1 - k0,
          p1 - p0,
          dyi + ((<usize>p0) << 2),
          (<usize>P) << 2,
          col,
          (<usize>width) << 2,
          dweight + ((<usize>k0) << 2),
          (<usize>K) << 2,
          DOT_LOAD,
          0,
          false,
        );
      }
    }
  }
}
