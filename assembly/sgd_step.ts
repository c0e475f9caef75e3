// torch.optim.SGD's update, in float64 rounded where the reference stores (bit for bit the reference):
//   g = grad + wd*p; with momentum, buf = first ? g : momentum*buf + (1 - dampening)*g and
//   g = nesterov ? g + momentum*buf : buf; then p -= lr*g. Threads share pairs of elements.
import { load1, load2, roundTrip, store1, store2 } from './common/pairs';
import { partStart } from './common/split';

export function sgdStep(
  params: usize,
  grads: usize,
  buf: usize,
  n: i32,
  lr: f64,
  momentum: f64,
  dampening: f64,
  weightDecay: f64,
  nesterov: i32,
  first: i32,
  part: i32,
  parts: i32,
): void {
  const pairs = (n + 1) >> 1;
  const i0 = min(n, partStart(pairs, part, parts) << 1);
  const i1 = min(n, partStart(pairs, part + 1, parts) << 1);
  const rate = f64x2.splat(lr);
  const mom = f64x2.splat(momentum);
  const keep = f64x2.splat(1 - dampening);
  const wd = f64x2.splat(weightDecay);
  for (let i = i0; i < i1; i += 2) {
    const o = (<usize>i) << 2;
    const whole = i + 2 <= i1;
    const p = whole ? load2(params + o) : load1(params + o);
    let g = f64x2.add(whole ? load2(grads + o) : load1(grads + o), f64x2.mul(wd, p));
    if (momentum != 0) {
      // The reference reads the stored (float32) buffer back.
      const b = roundTrip(
        first ? g : f64x2.add(f64x2.mul(mom, whole ? load2(buf + o) : load1(buf + o)), f64x2.mul(keep, g)),
      );
      if (whole) store2(buf + o, b);
      else store1(buf + o, b);
      g = nesterov ? f64x2.add(g, f64x2.mul(mom, b)) : b;
    }
    const next = f64x2.sub(p, f64x2.mul(rate, g));
    if (whole) store2(params + o, next);
    else store1(params + o, next);
  }
}
