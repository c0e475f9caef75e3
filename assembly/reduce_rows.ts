// Linear bias gradient: out[j] = sum_r x[r, j], rows added in order in float32 exactly as the reference's
// reduceRows does, vectorised over j. Threads share blocks of 4 columns.
import { storeLanes } from './common/lanes';
import { partStart } from './common/split';

export function reduceRows(x: usize, out: usize, rows: i32, cols: i32, part: i32, parts: i32): void {
  const blocks = (cols + 3) >> 2;
  const j0 = min(cols, partStart(blocks, part, parts) << 2);
  const j1 = min(cols, partStart(blocks, part + 1, parts) << 2);
  const stride = (<usize>cols) << 2;
  for (let j = j0; j < j1; j += 4) {
    let acc = f32x4.splat(0);
    let p = x + ((<usize>j) << 2);
    for (let r = 0; r < rows; r++) {
      acc = f32x4.add(acc, v128.load(p));
      p += stride;
    }
    storeLanes(out + ((<usize>j) << 2), acc, j1 - j);
  }
}
