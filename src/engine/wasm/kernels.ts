// The kernels' exports as TypeScript sees them (assembly/index.ts defines them), with their arities checked
// against the module when it is instantiated, and the module's location for the bundler.
// Pointers are byte offsets into the wasm memory; 0 stands for a missing optional array. A threaded
// kernel's (part, parts) name the share of its outputs to compute.

type Ptr = number;
type Geometry = [
  n: number,
  cin: number,
  h: number,
  w: number,
  cout: number,
  kh: number,
  kw: number,
  oh: number,
  ow: number,
  sh: number,
  sw: number,
  ph: number,
  pw: number,
  dh: number,
  dw: number,
];
type Parts = [part: number, parts: number];
type PoolWindow = [
  planes: number,
  h: number,
  w: number,
  oh: number,
  ow: number,
  kh: number,
  kw: number,
  sh: number,
  sw: number,
  ph: number,
  pw: number,
];

export interface KernelExports {
  conv2dForward(x: Ptr, w: Ptr, bias: Ptr, y: Ptr, ...rest: [...Geometry, relu: number, ...Parts]): void;
  conv2dBackwardInput(dy: Ptr, w: Ptr, bias: Ptr, dx: Ptr, ...rest: [...Geometry, ...Parts]): void;
  conv2dBackwardWeight(x: Ptr, dy: Ptr, dw: Ptr, ...rest: [...Geometry, ...Parts]): void;
  channelSum(dy: Ptr, db: Ptr, n: number, c: number, plane: number, ...parts: Parts): void;
  linearForward(
    x: Ptr,
    w: Ptr,
    bias: Ptr,
    y: Ptr,
    batch: number,
    inF: number,
    outF: number,
    relu: number,
    ...parts: Parts
  ): void;
  linearBackwardInput(
    dy: Ptr,
    w: Ptr,
    dx: Ptr,
    batch: number,
    inF: number,
    outF: number,
    ...parts: Parts
  ): void;
  linearBackwardWeight(
    dy: Ptr,
    x: Ptr,
    dw: Ptr,
    batch: number,
    inF: number,
    outF: number,
    ...parts: Parts
  ): void;
  reduceRows(x: Ptr, out: Ptr, rows: number, cols: number, ...parts: Parts): void;
  maxPool2dForward(
    x: Ptr,
    y: Ptr,
    indices: Ptr,
    ...rest: [...PoolWindow, dh: number, dw: number, ...Parts]
  ): void;
  maxPool2dBackward(
    dy: Ptr,
    indices: Ptr,
    dx: Ptr,
    planes: number,
    planeIn: number,
    planeOut: number,
    ...parts: Parts
  ): void;
  avgPool2dForward(x: Ptr, y: Ptr, ...rest: [...PoolWindow, includePad: number, ...Parts]): void;
  avgPool2dBackward(dy: Ptr, dx: Ptr, ...rest: [...PoolWindow, includePad: number, ...Parts]): void;
  activationForward(kind: number, x: Ptr, y: Ptr, n: number, slope: number, ...parts: Parts): void;
  activationBackward(
    kind: number,
    saved: Ptr,
    dy: Ptr,
    dx: Ptr,
    n: number,
    slope: number,
    ...parts: Parts
  ): void;
  dropout(
    v: Ptr,
    out: Ptr,
    n: number,
    threshold: number,
    scale: number,
    seed: number,
    step: number,
    ...parts: Parts
  ): void;
  batchNorm2dForward(
    x: Ptr,
    y: Ptr,
    n: number,
    c: number,
    plane: number,
    weight: Ptr,
    bias: Ptr,
    runningMean: Ptr,
    runningVar: Ptr,
    saveMean: Ptr,
    saveInvstd: Ptr,
    training: number,
    eps: number,
    momentum: number,
    ...parts: Parts
  ): void;
  batchNorm2dBackward(
    x: Ptr,
    dy: Ptr,
    n: number,
    c: number,
    plane: number,
    weight: Ptr,
    saveMean: Ptr,
    saveInvstd: Ptr,
    dx: Ptr,
    dweight: Ptr,
    dbias: Ptr,
    training: number,
    ...parts: Parts
  ): void;
  softmaxCrossEntropy(
    logits: Ptr,
    labels: Ptr,
    dlogits: Ptr,
    probs: Ptr,
    batch: number,
    classes: number,
    result: Ptr,
  ): void;
  mseLoss(pred: Ptr, target: Ptr, dpred: Ptr, n: number, result: Ptr): void;
  bceWithLogits(logits: Ptr, target: Ptr, dlogits: Ptr, n: number, result: Ptr): void;
  sgdStep(
    params: Ptr,
    grads: Ptr,
    buf: Ptr,
    n: number,
    lr: number,
    momentum: number,
    dampening: number,
    weightDecay: number,
    nesterov: number,
    first: number,
    ...parts: Parts
  ): void;
  adamStep(
    params: Ptr,
    grads: Ptr,
    expAvg: Ptr,
    expAvgSq: Ptr,
    n: number,
    lr: number,
    stepSize: number,
    bc2Sqrt: number,
    beta1: number,
    beta2: number,
    eps: number,
    weightDecay: number,
    decoupled: number,
    ...parts: Parts
  ): void;
  /** This instance's (this thread's) conv tile scratch. */
  setScratch(at: Ptr, floats: number): void;
  heapBase(): number;
}

export type KernelName = Exclude<keyof KernelExports, 'heapBase' | 'setScratch'>;

/** The losses run whole on the calling thread; every other kernel takes (part, parts) last. */
export type SerialKernel = 'softmaxCrossEntropy' | 'mseLoss' | 'bceWithLogits';
export type ThreadedKernel = Exclude<KernelName, SerialKernel>;

/** A threaded kernel's arguments without (part, parts). */
export type KernelArgs<K extends ThreadedKernel> =
  Parameters<KernelExports[K]> extends [...infer Args, part: number, parts: number] ? Args : never;

/** Each export's parameter count, checked against the module on instantiation (a stale .wasm fails there). */
export const KERNEL_ARITY = {
  conv2dForward: 22,
  conv2dBackwardInput: 21,
  conv2dBackwardWeight: 20,
  channelSum: 7,
  linearForward: 10,
  linearBackwardInput: 8,
  linearBackwardWeight: 8,
  reduceRows: 6,
  maxPool2dForward: 18,
  maxPool2dBackward: 8,
  avgPool2dForward: 16,
  avgPool2dBackward: 16,
  activationForward: 7,
  activationBackward: 8,
  dropout: 9,
  batchNorm2dForward: 16,
  batchNorm2dBackward: 14,
  softmaxCrossEntropy: 7,
  mseLoss: 5,
  bceWithLogits: 5,
  sgdStep: 12,
  adamStep: 15,
} as const satisfies { [K in KernelName]: Parameters<KernelExports[K]>['length'] };

/** Kernel ids for the control block: the position in this list. */
export const KERNEL_NAMES = Object.keys(KERNEL_ARITY) as KernelName[];

/** The compiled kernels next to this file; new URL(..., import.meta.url) lets Vite emit them as assets. */
export function kernelUrl(shared: boolean): URL {
  return shared
    ? new URL('./cpu-kernels-shared.wasm', import.meta.url)
    : new URL('./cpu-kernels.wasm', import.meta.url);
}

/** The memory import of the module: shared or plain, as it was compiled. */
export function instantiate(module: WebAssembly.Module, memory: WebAssembly.Memory): KernelExports {
  const abort = () => {
    throw new Error('wasm kernel aborted');
  };
  const { exports } = new WebAssembly.Instance(module, { env: { memory, abort } });
  const kernels = exports as unknown as KernelExports;
  for (const name of KERNEL_NAMES) {
    const fn = kernels[name] as ((...a: number[]) => void) | undefined;
    if (typeof fn !== 'function' || fn.length !== KERNEL_ARITY[name]) {
      throw new Error(
        `wasm kernels: export ${name} takes ${fn?.length ?? 'no'} arguments, expected ${KERNEL_ARITY[name]} ` +
          '(is the .wasm stale? run npm run build:wasm)',
      );
    }
  }
  return kernels;
}
