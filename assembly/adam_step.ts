// torch.optim.Adam and AdamW's update, in float64 rounded where the reference stores (bit for bit the
// reference), with step size lr/bc1 and bc2Sqrt = sqrt(1 - beta2^t) computed by the caller:
//   AdamW: p *= 1 - lr*wd; Adam: g += wd*p;  m = b1*m + (1 - b1)*g;  v = b2*v + (1 - b2)*g*g;
//   p -= (lr/bc1)*m / (sqrt(v)/bc2Sqrt + eps). Threads share pairs of elements.
import { load1, load2, roundTrip, store1, store2 } from './common/pairs';
import { partStart } from './common/split';

export function adamStep(
  params: usize,
  grads: usize,
  expAvg: usize,
  expAvgSq: usize,
  n: i32,
  lr: f64,
  stepSize: f64,
  bc2Sqrt: f64,
  beta1: f64,
  beta2: f64,
  eps: f64,
  weightDecay: f64,
  decoupled: i32,
  part: i32,
  parts: i32,
): void {
  const pairs = (n + 1) >> 1;
  const i0 = min(n, partStart(pairs, part, parts) << 1);
  const i1 = min(n, partStart(pairs, part + 1, parts) << 1);
  const shrink = f64x2.splat(1 - lr * weightDecay);
  const wd = f64x2.splat(weightDecay);
  const b1 = f64x2.splat(beta1);
  const b2 = f64x2.splat(beta2);
  const c1 = f64x2.splat(1 - beta1);
  const c2 = f64x2.splat(1 - beta2);
  const size = f64x2.splat(stepSize);
  const bc2 = f64x2.splat(bc2Sqrt);
  const e = f64x2.splat(eps);
  for (let i = i0; i < i1; i += 2) {
    const o = (<usize>i) << 2;
    const whole = i + 2 <= i1;
    let p = whole ? load2(params + o) : load1(params + o);
    let g = whole ? load2(grads + o) : load1(grads + o);
    if (decoupled) {
      // The reference stores the decayed weight (float32) before the update reads it.
      p = roundTrip(f64x2.mul(p, shrink));
    } else g = f64x2.add(g, f64x2.mul(wd, p));
    const m = roundTrip(
      f64x2.add(f64x2.mul(b1, whole ? load2(expAvg + o) : load1(expAvg + o)), f64x2.mul(c1, g)),
    );
    const v = roundTrip(
      f64x2.add(
        f64x2.mul(b2, whole ? load2(expAvgSq + o) : load1(expAvgSq + o)),
        f64x2.mul(f64x2.mul(c2, g), g),
      ),
    );
    const next = f64x2.sub(p, f64x2.div(f64x2.mul(size, m), f64x2.add(f64x2.div(f64x2.sqrt(v), bc2), e)));
    if (whole) {
      store2(expAvg + o, m);
      store2(expAvgSq + o, v);
      store2(params + o, next);
    } else {
      store1(expAvg + o, m);
      store1(expAvgSq + o, v);
      store1(params + o, next);
    }
  }
}
