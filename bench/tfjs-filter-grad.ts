// TF.js 4.22's wasm backend has no Conv2DBackpropFilter kernel, so conv2d cannot train there. Issue 9 asks
// the benchmark to supply it: dW = conv2d of transposed x and dy, built from the backend's own kernels.
//   dW[kh, kw, ci, co] = Σ_{n, oh, ow} x[n, oh + kh − p, ow + kw − p, ci] · dy[n, oh, ow, co]
// is a stride-1 conv2d with padding p of x viewed as [ci, H, W, n] by dy viewed as [oh, ow, n, co],
// whose output [ci, kh, kw, co] is transposed back to [kh, kw, ci, co].
import * as tf from '@tensorflow/tfjs-core';
import type {
  Conv2DBackpropFilterAttrs,
  Conv2DBackpropFilterInputs,
  KernelBackend,
  NamedAttrMap,
  TensorInfo,
} from '@tensorflow/tfjs-core';

function padding(attrs: Conv2DBackpropFilterAttrs): number {
  const [kh, kw] = attrs.filterShape;
  if (typeof attrs.pad === 'number') return attrs.pad;
  if (attrs.pad === 'valid') return 0;
  if (attrs.pad === 'same' && kh === kw && kh % 2 === 1) return (kh - 1) / 2;
  throw new Error(`supplied Conv2DBackpropFilter: padding ${JSON.stringify(attrs.pad)} is not supported`);
}

/** Registers the kernel for `backendName` when it lacks one; returns whether it did. */
export function supplyConv2dBackpropFilter(backendName: string): boolean {
  if (tf.getKernel('Conv2DBackpropFilter', backendName)) return false;
  const transpose = tf.getKernel('Transpose', backendName).kernelFunc;
  const conv = tf.getKernel('Conv2D', backendName).kernelFunc;
  tf.registerKernel({
    kernelName: 'Conv2DBackpropFilter',
    backendName,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { x, dy } = inputs as Conv2DBackpropFilterInputs;
      const a = attrs as unknown as Conv2DBackpropFilterAttrs;
      const strides = typeof a.strides === 'number' ? [a.strides, a.strides] : a.strides;
      if (a.dataFormat !== 'NHWC' || strides[0] !== 1 || strides[1] !== 1) {
        throw new Error('supplied Conv2DBackpropFilter: only NHWC with stride 1 is supported');
      }
      const run = (f: typeof conv, inputsOf: Record<string, TensorInfo>, attrsOf: NamedAttrMap) =>
        f({ inputs: inputsOf, backend: backend as KernelBackend, attrs: attrsOf }) as TensorInfo;
      const xT = run(transpose, { x: x! }, { perm: [3, 1, 2, 0] });
      const dyT = run(transpose, { x: dy! }, { perm: [1, 2, 0, 3] });
      const out = run(
        conv,
        { x: xT, filter: dyT },
        {
          strides: 1,
          pad: padding(a),
          dataFormat: 'NHWC',
          dilations: 1,
          dimRoundingMode: a.dimRoundingMode ?? 'floor',
        },
      );
      const dw = run(transpose, { x: out }, { perm: [1, 2, 0, 3] });
      for (const t of [xT, dyT, out]) (backend as KernelBackend).disposeData(t.dataId);
      return dw;
    },
  });
  return true;
}

/** Largest |dW(supplied) − dW(TF.js cpu)| on a small conv with padding, so the supplied kernel is checked. */
export async function checkSuppliedFilterGrad(backendName: string): Promise<number> {
  const xs = Float32Array.from({ length: 3 * 9 * 9 * 2 }, (_, i) => Math.sin(i * 0.37));
  const dys = Float32Array.from({ length: 3 * 9 * 9 * 4 }, (_, i) => Math.cos(i * 0.11));
  const ws = Float32Array.from({ length: 5 * 5 * 2 * 4 }, (_, i) => Math.sin(i * 0.05));
  const gradOn = async (name: string) => {
    await tf.setBackend(name);
    const x = tf.tensor4d(xs, [3, 9, 9, 2]);
    const dy = tf.tensor4d(dys, [3, 9, 9, 4]);
    const w = tf.tensor4d(ws, [5, 5, 2, 4]);
    const g = tf.grad((filter) => tf.sum(tf.mul(tf.conv2d(x, filter as tf.Tensor4D, 1, 2), dy)))(w);
    const values = Float32Array.from(await g.data());
    tf.dispose([x, dy, w, g]);
    return values;
  };
  const reference = await gradOn('cpu');
  const supplied = await gradOn(backendName);
  return supplied.reduce((m, v, i) => Math.max(m, Math.abs(v - reference[i])), 0);
}
