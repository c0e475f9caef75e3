// The activations and dropout on the wasm kernels. Dropout validates with the reference's own rule and
// draws the reference's mask (the same hash), so GPU, reference and wasm masks agree bit for bit.
import type { CpuOps } from '../cpu-ops';
import { DEFAULT_LEAKY_SLOPE, type ActivationKind } from '../reference/activation';
import { checkStep, dropoutRule, type DropoutParams } from '../reference/dropout';
import type { Floats } from '../reference/matmul';
import { partsFor, pointer, type WasmContext } from './context';

type ElementwiseOps = Pick<
  CpuOps,
  'activationForward' | 'activationBackward' | 'dropoutForward' | 'dropoutBackward'
>;

/** The kernels' numbering (assembly/activation_forward.ts). */
const KIND: Partial<Record<ActivationKind, number>> = { relu: 0, leaky_relu: 1, sigmoid: 2, tanh: 3 };

/** Work per element: the float64 exp and tanh cost about 20 multiply-adds. */
const cost = (kind: ActivationKind) => (kind === 'sigmoid' || kind === 'tanh' ? 20 : 1);

export function elementwiseOps(ctx: WasmContext): ElementwiseOps {
  const kindOf = (kind: ActivationKind) => {
    const k = KIND[kind];
    if (k === undefined) throw new Error(`activation: unknown kind '${kind}'`);
    return k;
  };
  const masked = (op: string, v: Floats, out: Floats, params: DropoutParams, step: number) => {
    if (v.length !== out.length) throw new Error(`dropout: ${v.length} inputs but ${out.length} outputs`);
    checkStep(step);
    const { threshold, scale } = dropoutRule(params);
    const n = v.length;
    ctx.pool.run(
      'dropout',
      [
        pointer(ctx, op, 'input', v, n),
        pointer(ctx, op, 'output', out, n),
        n,
        threshold,
        scale,
        params.seed,
        step,
      ],
      partsFor(ctx, 4 * n),
    );
  };
  return {
    activationForward(kind, x, y, slope = DEFAULT_LEAKY_SLOPE) {
      const n = x.length;
      const op = `${kind} forward`;
      ctx.pool.run(
        'activationForward',
        [kindOf(kind), pointer(ctx, op, 'x', x, n), pointer(ctx, op, 'y', y, n), n, slope],
        partsFor(ctx, n * cost(kind)),
      );
      return y;
    },
    activationBackward(kind, saved, dy, dx, slope = DEFAULT_LEAKY_SLOPE) {
      const n = dy.length;
      const op = `${kind} backward`;
      ctx.pool.run(
        'activationBackward',
        [
          kindOf(kind),
          pointer(ctx, op, 'saved', saved, n),
          pointer(ctx, op, 'dy', dy, n),
          pointer(ctx, op, 'dx', dx, n),
          n,
          slope,
        ],
        partsFor(ctx, n * cost(kind)),
      );
      return dx;
    },
    dropoutForward: (a) => masked('dropout', a.x, a.y, a.params, a.step),
    dropoutBackward: (a) => masked('dropout backward', a.dy, a.dx, a.params, a.step),
  };
}
