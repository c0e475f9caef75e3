// Graph models on WebGPU: residual Add and Concat over outputs that fan out, and a U-Net-like skip path,
// give PyTorch's outputs and the gradients of every parameter and of the input (fixtures made by
// scripts/fixtures/ops_graph_model.py), in training-mode passes with the engine's fusions on.
import { describe, it } from 'vitest';
import { readFloat32 } from '../gpu/buffers';
import { expectClose } from '../gpu/testing/close';
import { gpuCheck } from '../gpu/testing/test-device';
import { GpuModel } from './gpu-model';
import { graphCases, paramSlices } from './testing/graph-fixtures';

const TOL = { atol: 2e-4, rtol: 2e-4 };
const NORMALISATION = { mean: 0, std: 1 };

describe('graph models on WebGPU', () => {
  for (const c of graphCases()) {
    it(`${c.name}: forward, parameter and input gradients match PyTorch`, () =>
      gpuCheck(async (device) => {
        const m = new GpuModel(device, c.desc, {
          batch: c.batch,
          loss: 'none',
          seed: 1,
          inputGrad: true,
          normalisation: NORMALISATION,
          optimizer: { kind: 'sgd', lr: 0, momentum: 0, nesterov: false, weightDecay: 0 },
        });
        try {
          device.queue.writeBuffer(m.params.buffer, 0, c.params);
          device.queue.writeBuffer(m.input.buffer, m.input.offset, c.x);
          const run = (encode: (pass: GPUComputePassEncoder) => void) => {
            const encoder = device.createCommandEncoder();
            const pass = encoder.beginComputePass();
            encode(pass);
            pass.end();
            device.queue.submit([encoder.finish()]);
          };
          run((pass) => m.encodeForward(pass));
          expectClose(await readFloat32(device, m.logits.buffer, c.y.length, m.logits.offset), c.y, TOL);
          device.queue.writeBuffer(m.outputGrad.buffer, m.outputGrad.offset, c.dy);
          run((pass) => {
            m.encodeTrainForward(pass, 0);
            m.encodeBackward(pass);
          });
          const grads = await readFloat32(device, m.grads.buffer, c.desc.paramFloats);
          paramSlices(c.desc).forEach((s, i) =>
            expectClose(grads.subarray(s.offset, s.offset + s.size), c.dparams[i], TOL),
          );
          const dx = await readFloat32(device, m.inputGrad.buffer, c.dx.length, m.inputGrad.offset);
          expectClose(dx, c.dx, TOL);
        } finally {
          m.destroy();
        }
      }));
  }
});
