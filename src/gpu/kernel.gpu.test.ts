import { describe, expect, it } from 'vitest';
import { bindingsOf, bindKernel, getKernel, groups1d, packUniforms } from './kernel';
import { axpySpec } from './kernels/axpy';
import { readFloat32, uploadBuffer, UNIFORM } from './buffers';
import { expectClose } from './testing/close';
import { gpuCheck, getTestGpu } from './testing/test-device';

describe('WebGPU in Node (SwiftShader)', () => {
  it('finds a real adapter', async () => {
    const { info } = await getTestGpu();
    expect(info.vendor.length + info.architecture.length).toBeGreaterThan(0);
  });

  it('runs the axpy smoke kernel and reads back y + alpha*x on an awkward size', async () => {
    const n = 307;
    const x = Float32Array.from({ length: n }, (_, i) => i * 0.5 - 10);
    const y = Float32Array.from({ length: n }, (_, i) => Math.sin(i));
    const out = await gpuCheck(async (device) => {
      const kernel = getKernel(device, axpySpec);
      const xb = uploadBuffer(device, 'x', x);
      const yb = uploadBuffer(device, 'y', y);
      const ub = uploadBuffer(
        device,
        'params',
        new Uint8Array(packUniforms(kernel, { n, alpha: -2.5 })),
        UNIFORM,
      );
      const encoder = device.createCommandEncoder({ label: 'axpy-test' });
      const pass = encoder.beginComputePass({ label: 'axpy-test' });
      pass.setPipeline(kernel.pipeline);
      pass.setBindGroup(0, bindKernel(device, kernel, { params: ub, x: xb, y: yb }));
      pass.dispatchWorkgroups(...groups1d(n, 64));
      pass.end();
      device.queue.submit([encoder.finish()]);
      return readFloat32(device, yb, n);
    });
    expectClose(
      out,
      y.map((v, i) => v - 2.5 * x[i]),
      { atol: 1e-5, rtol: 1e-6 },
    );
  });

  it('caches pipelines per device', async () => {
    await gpuCheck((device) => {
      expect(getKernel(device, axpySpec)).toBe(getKernel(device, axpySpec));
    });
  });

  it('rejects a spec whose bindings drift from the WGSL', async () => {
    const device = (await getTestGpu()).device;
    const drifted = { ...axpySpec, name: 'axpy-drifted', bindings: bindingsOf(axpySpec).slice(0, 2) };
    expect(() => getKernel(device, drifted)).toThrow(/differ from WGSL/);
  });

  it('folds large 1-D dispatches into two dimensions', () => {
    expect(groups1d(64 * 70000, 64)).toEqual([35000, 2]);
    expect(groups1d(10, 64)).toEqual([1, 1]);
  });
});
