// CPU reference of elementwise add (a residual connection) and gradient accumulation, as
// shaders/add_forward.wgsl and add_accumulate.wgsl. Add's backward is da = db = dy: no function of its own.
import type { Floats } from './matmul';

function checkLengths(op: string, a: ArrayLike<number>, b: ArrayLike<number>): void {
  if (a.length !== b.length) throw new Error(`${op}: ${a.length} and ${b.length} elements differ`);
}

/** y = a + b. */
export function addForward(a: Floats, b: Floats, y: Floats): Floats {
  checkLengths('add', a, b);
  checkLengths('add output', a, y);
  for (let i = 0; i < a.length; i++) y[i] = a[i] + b[i];
  return y;
}

/** y += x: sums one consumer's gradient into a tensor's gradient (fan-out backward). */
export function accumulate(x: Floats, y: Floats): Floats {
  checkLengths('accumulate', x, y);
  for (let i = 0; i < x.length; i++) y[i] += x[i];
  return y;
}
