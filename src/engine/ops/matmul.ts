// Matmul on the GPU: C[M,N] = act(op(A)·op(B) + bias). Transposes are override constants, so Linear's
// forward and both backward products share the one barrier-free register-tiled kernel (shaders/matmul.wgsl).
import { bindKernel, getKernel, groups, groups1d, type Kernel } from '../../gpu/kernel';
import { matmulSpec } from '../../gpu/kernels/matmul';
import { matmulSharedSpec } from '../../gpu/kernels/matmul_shared';
import { reduceRowsSpec } from '../../gpu/kernels/reduce_rows';
import { reduceRowsVec4Spec } from '../../gpu/kernels/reduce_rows_vec4';
import type { EngineContext, PlannedOp, TunableSite } from '../op';
import { matmul, type MatmulActivation } from '../reference/matmul';
import { chooseVariant, scratchTensor, scratchValues } from '../tuning/site';
import { bindingOf, vec4BindingOf, type Tensor } from '../tensor';
import { expectShape, plannedOp, uniformsFor, type Dispatch } from './dispatch';

export interface MatmulArgs {
  /** [M, K], or [K, M] when transA. */
  a: Tensor;
  /** [K, N], or [N, K] when transB. */
  b: Tensor;
  /** Output [M, N], overwritten. */
  c: Tensor;
  /** Optional [N], added to every row. */
  bias?: Tensor;
  transA?: boolean;
  transB?: boolean;
  activation?: MatmulActivation;
  /** Number of K slices; chosen by shape when omitted (tests force it). */
  splitK?: number;
  /**
   * Use the workgroup-memory tiled kernel (true) or the register-tiled one (false); when omitted, the
   * context's tuned choice for this shape, else the register-tiled one. Staging tiles in workgroup memory
   * saves global loads on GPUs; on SwiftShader each barrier turns every 4-lane group into a coroutine.
   */
  preferSharedMemory?: boolean;
  label?: string;
}

/** SwiftShader spreads workgroups over ~16 tasks, and small GPUs have as many cores: aim for at least this. */
const MIN_WORKGROUPS = 16;
/** A K slice shorter than this costs more in the reduction than it gains in parallelism. */
const MIN_K_PER_SPLIT = 32;
/** From this many rows (columns) on, the register-tiled kernel computes 8 of them per thread. */
const LONG_SIDE = 32;

export interface MatmulPlan {
  shared: boolean;
  /** Rows and columns of C per thread in the register-tiled kernel. */
  tileM: number;
  tileN: number;
  m: number;
  n: number;
  k: number;
  workgroupSize: [number, number];
  workgroups: [number, number, number];
  splits: number;
  kSplit: number;
}

/** The launch shape for a product, with the reasons in comments. Pure, so tests can check the choice. */
export function chooseMatmulPlan(
  m: number,
  n: number,
  k: number,
  opts: { fused?: boolean; splitK?: number; shared?: boolean } = {},
): MatmulPlan {
  const { fused = false, splitK, shared = false } = opts;
  let wg: [number, number];
  let gx: number;
  let gy: number;
  let tileM = 4;
  let tileN = 4;
  if (shared) {
    // 16x16 threads, 4x4 outputs each: a 64x64 tile per workgroup.
    wg = [16, 16];
    gx = groups(n, 64);
    gy = groups(m, 64);
  } else {
    // 8 rows (columns) per thread use each loaded block twice (loads dominate on SwiftShader); 4 when
    // the side is short, where the second block would mostly be wasted.
    tileM = m >= LONG_SIDE ? 8 : 4;
    tileN = n >= LONG_SIDE ? 8 : 4;
    const tilesN = Math.ceil(n / tileN);
    const tilesM = Math.ceil(m / tileM);
    // 8x8 threads per workgroup when that still gives enough workgroups; else 4x4, so a small layer
    // still spreads over the cores.
    const big = groups(tilesN, 8) * groups(tilesM, 8) >= MIN_WORKGROUPS;
    wg = big ? [8, 8] : [4, 4];
    gx = groups(tilesN, wg[0]);
    gy = groups(tilesM, wg[1]);
  }
  let splits = splitK ?? 1;
  // Split-K when the output is too small to fill the GPU but K (e.g. the batch, for dW) is long; the
  // slices are summed by reduce_rows in a fixed order, so the result is deterministic.
  if (splitK === undefined && !fused && gx * gy < MIN_WORKGROUPS) {
    splits = Math.max(1, Math.min(Math.ceil(MIN_WORKGROUPS / (gx * gy)), Math.floor(k / MIN_K_PER_SPLIT)));
  }
  if (splits > 1 && fused) throw new Error('matmul: split-K cannot fuse a bias or activation');
  const kSplit = Math.max(4, Math.ceil(Math.ceil(k / splits) / 4) * 4);
  splits = Math.max(1, Math.ceil(k / kSplit));
  if (gx > 65535 || gy > 65535)
    throw new Error(`matmul: [${m},${n}] needs more than 65535 workgroups a side`);
  return { shared, tileM, tileN, m, n, k, workgroupSize: wg, workgroups: [gx, gy, splits], splits, kSplit };
}

function matmulKernel(device: GPUDevice, a: MatmulArgs, plan: MatmulPlan): Kernel {
  const { m, n, k } = plan;
  const transA = Boolean(a.transA);
  const transB = Boolean(a.transB);
  const epilogue = { HAS_BIAS: Number(Boolean(a.bias)), ACTIVATION: a.activation === 'relu' ? 1 : 0 };
  if (plan.shared) {
    return getKernel(device, {
      ...matmulSharedSpec,
      constants: { TRANS_A: Number(transA), TRANS_B: Number(transB), ...epilogue },
    });
  }
  return getKernel(device, {
    ...matmulSpec,
    workgroupSize: plan.workgroupSize,
    constants: {
      TRANS_A: Number(transA),
      TRANS_B: Number(transB),
      // vec4 loads run along each operand's contiguous axis: k for A, m for Aᵀ, n for B, k for Bᵀ.
      VEC_A: Number((transA ? m : k) % 4 === 0),
      VEC_B: Number((transB ? k : n) % 4 === 0),
      TILE_M: plan.tileM,
      TILE_N: plan.tileN,
      ...epilogue,
    },
  });
}

export function planMatmul(ctx: EngineContext, args: MatmulArgs): PlannedOp {
  const label = args.label ?? 'matmul';
  const { a, b, c } = args;
  if (a.shape.length !== 2 || b.shape.length !== 2) {
    throw new Error(`${label}: operands must be 2-D, got [${a.shape}] and [${b.shape}]`);
  }
  const [m, k] = args.transA ? [a.shape[1], a.shape[0]] : [a.shape[0], a.shape[1]];
  const [kb, n] = args.transB ? [b.shape[1], b.shape[0]] : [b.shape[0], b.shape[1]];
  if (k !== kb) throw new Error(`${label}: inner sizes differ (${k} vs ${kb}) for [${a.shape}]·[${b.shape}]`);
  if (m * n * k === 0) throw new Error(`${label}: empty product [${m},${k}]·[${k},${n}]`);
  expectShape(`${label} output`, c, [m, n]);
  if (args.bias) expectShape(`${label} bias`, args.bias, [n]);
  const fused = Boolean(args.bias) || (args.activation ?? 'none') !== 'none';
  const variant =
    args.splitK === undefined && args.preferSharedMemory === undefined && ctx.variants
      ? chooseVariant(ctx, matmulSite(m, n, k, args, fused))
      : 'tiled';
  const plan = chooseMatmulPlan(m, n, k, {
    fused,
    splitK: args.splitK ?? (variant === 'tiled-unsplit' ? 1 : undefined),
    shared: args.preferSharedMemory ?? variant === 'shared',
  });
  const kernel = matmulKernel(ctx.device, args, plan);
  const params = uniformsFor(ctx, kernel, `${label}/params`, { m, n, k, k_split: plan.kSplit });
  const target = plan.splits > 1 ? ctx.arena.storage(`${label}/split-k`, plan.splits * m * n * 4) : undefined;
  const bindGroup = bindKernel(
    ctx.device,
    kernel,
    {
      params,
      a: vec4BindingOf(a, `${label}: a`),
      b: vec4BindingOf(b, `${label}: b`),
      // Without a bias, A stands in for the unused binding (read-only aliases are allowed).
      bias: args.bias ? bindingOf(args.bias) : bindingOf(a),
      c: target ? { buffer: target, offset: 0, size: plan.splits * m * n * 4 } : bindingOf(c),
    },
    label,
  );
  const dispatches: Dispatch[] = [{ pipeline: kernel.pipeline, bindGroup, workgroups: plan.workgroups }];
  if (target) {
    dispatches.push(
      reduceRowsDispatch(
        ctx,
        { buffer: target, shape: [plan.splits, m * n], offset: 0 },
        c,
        `${label}/reduce`,
      ),
    );
  }
  return plannedOp(label, dispatches);
}

/**
 * The product as a tunable site: 'tiled' (register tiles, split-K by shape: the hand-picked plan),
 * 'shared' (workgroup-memory tiles) and, where the shape splits K, 'tiled-unsplit'. Scratch a (seed 1),
 * b (2), bias (3) -> c, compared with the reference matmul.
 */
function matmulSite(m: number, n: number, k: number, args: MatmulArgs, fused: boolean): TunableSite {
  const [transA, transB] = [Boolean(args.transA), Boolean(args.transB)];
  const activation = args.activation ?? 'none';
  const hasBias = Boolean(args.bias);
  const splits = chooseMatmulPlan(m, n, k, { fused }).splits;
  const aShape = transA ? [k, m] : [m, k];
  const bShape = transB ? [n, k] : [k, n];
  return {
    key: `matmul m${m} n${n} k${k} t${Number(transA)}${Number(transB)} b${Number(hasBias)} ${activation}`,
    candidates: splits > 1 ? ['tiled', 'shared', 'tiled-unsplit'] : ['tiled', 'shared'],
    handPicked: 'tiled',
    problem: () => ({
      plan(ctx, v) {
        const t = {
          a: scratchTensor(ctx, 'a', aShape, 1).tensor,
          b: scratchTensor(ctx, 'b', bShape, 2).tensor,
          bias: hasBias ? scratchTensor(ctx, 'bias', [n], 3).tensor : undefined,
          c: scratchTensor(ctx, 'c', [m, n]).tensor,
        };
        const op = planMatmul(ctx, {
          ...t,
          transA,
          transB,
          activation,
          splitK: v === 'tiled-unsplit' ? 1 : undefined,
          preferSharedMemory: v === 'shared',
          label: `tune/${v}`,
        });
        return { op, output: t.c };
      },
      reference() {
        const c = new Float32Array(m * n);
        const bias = hasBias ? scratchValues(n, 3) : null;
        matmul(scratchValues(m * k, 1), scratchValues(k * n, 2), c, {
          m,
          n,
          k,
          transA,
          transB,
          bias,
          activation,
        });
        return c;
      },
    }),
  };
}

/** Whether reduce_rows over `cols` columns takes the vec4 kernel (rows then start on 16-byte boundaries). */
export function reduceRowsUsesVec4(cols: number): boolean {
  return cols % 4 === 0;
}

function reduceRowsDispatch(ctx: EngineContext, x: Tensor, out: Tensor, label: string): Dispatch {
  const [rows, cols] = x.shape;
  const vec4 = reduceRowsUsesVec4(cols);
  const kernel = getKernel(ctx.device, vec4 ? reduceRowsVec4Spec : reduceRowsSpec);
  const threads = vec4 ? cols / 4 : cols;
  const params = uniformsFor(ctx, kernel, `${label}/params`, { rows, cols: threads });
  const bindGroup = bindKernel(ctx.device, kernel, { params, x: bindingOf(x), out: bindingOf(out) }, label);
  return {
    pipeline: kernel.pipeline,
    bindGroup,
    workgroups: groups1d(threads, kernel.spec.workgroupSize[0]),
  };
}

/** out[j] = sum over rows r of x[r, j] (x viewed as [rows, cols]), in row order: deterministic. */
export function planReduceRows(ctx: EngineContext, x: Tensor, out: Tensor, label = 'reduce_rows'): PlannedOp {
  if (x.shape.length !== 2) throw new Error(`${label}: input must be [rows, cols], got [${x.shape}]`);
  expectShape(`${label} output`, out, [x.shape[1]]);
  return plannedOp(label, [reduceRowsDispatch(ctx, x, out, label)]);
}
