// conv2d input gradient, the adjoint of the forward in x: dx[n,ci,iy,ix] = bias[ci] + the sum of
// dy[n,co,oy,ox] w[co,ci,ky,kx] over the taps with iy = oy*sh-ph+ky*dh, ix = ox*sw-pw+kx*dw. Per image and
// tile: dcol = wᵀ [K, cout] · dy [cout, tile], scattered back by col2im. Threads share whole images, since
// the tiles of one image add into the same dx. conv_transpose2d's forward is this pass with its bias.
import { setShape } from './common/conv_args';
import { roundUp8, SHAPE_BYTES, tileCols, tileFloats, tileRows } from './common/conv_tiles';
import { gemmBcast, INIT_ZERO } from './common/gemm_bcast';
import { col2im } from './common/im2col';
import { scratchAt, scratchFloats } from './common/scratch';
import { partStart } from './common/split';

export function conv2dBackwardInput(
  dy: usize,
  w: usize,
  bias: usize,
  dx: usize,
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
  const plane = h * wd;
  const rows = tileRows(K, capacity);
  const cols = tileCols(P, rows, capacity);
  const end = partStart(n, part + 1, parts);
  for (let img = partStart(n, part, parts); img < end; img++) {
    const dxi = dx + ((<usize>img * cin * plane) << 2);
    const dyi = dy + ((<usize>img * cout * P) << 2);
    for (let ci = 0; ci < cin; ci++) {
      const v = bias ? load<f32>(bias + ((<usize>ci) << 2)) : 0;
      fill(dxi + ((<usize>ci * plane) << 2), v, plane);
    }
    for (let p0 = 0; p0 < P; p0 += cols) {
      const p1 = min(P, p0 + cols);
      const width = roundUp8(p1 - p0);
      for (let k0 = 0; k0 < K; k0 += rows) {
        const k1 = min(K, k0 + rows);
        gemmBcast(
          k1 - k0,
          p1 - p0,
          cout,
          w + ((<usize>k0) << 2),
          4,
          (<usize>K) << 2,
          dyi + ((<usize>p0) << 2),
          (<usize>P) << 2,
          col,
          (<usize>width) << 2,
          INIT_ZERO,
          0,
          false,
        );
        col2im(s, col, k0, k1, p0, p1, width, dxi);
      }
    }
  }
}

function fill(p: usize, v: f32, count: i32): void {
  const splat = f32x4.splat(v);
  let i = 0;
  for (; i + 4 <= count; i += 4) v128.store(p + ((<usize>i) << 2), splat);
  for (; i < count; i++) store<f32>(p + ((<usize>i) << 2), v);
}
