// Rebuilding models on one wasm backend: release() takes every array back, and a plain memory (a page
// without cross-origin isolation, which cannot grow once arrays are out) is sized for each model first.
import { describe, expect, it } from 'vitest';
import { CpuModel } from './cpu-model';
import { describeModel, type LayerDesc } from './describe';
import type { CpuOps } from '../engine/cpu-ops';
import { createWasmOps } from '../engine/wasm/create';
import { arenaBytes, arrayBytes, buildAfresh } from '../engine/wasm/sizing';
import { loadNodeModule } from '../engine/wasm/testing/node';

const LENET: LayerDesc[] = [
  { kind: 'Conv2d', in_channels: 1, out_channels: 6, kernel_size: 5, padding: 2 },
  { kind: 'ReLU' },
  { kind: 'MaxPool2d', kernel_size: 2, stride: 2 },
  { kind: 'Conv2d', in_channels: 6, out_channels: 16, kernel_size: 5 },
  { kind: 'ReLU' },
  { kind: 'MaxPool2d', kernel_size: 2, stride: 2 },
  { kind: 'Flatten' },
  { kind: 'Linear', in_features: 400, out_features: 120 },
  { kind: 'ReLU' },
  { kind: 'Linear', in_features: 120, out_features: 84 },
  { kind: 'ReLU' },
  { kind: 'Linear', in_features: 84, out_features: 10 },
];
const desc = describeModel([1, 28, 28], LENET);
const sgd = { kind: 'sgd' as const, lr: 0.05, momentum: 0.9 };
const lenet = (ops: CpuOps) => new CpuModel(desc, 32, sgd, 1, { ops });
const plainOps = () => createWasmOps({ shared: false, reserveBytes: 2 ** 20, loadModule: loadNodeModule });

describe('rebuilding models on one wasm backend', () => {
  it('release takes every array back: the next arrays start where the first ones did, zeroed', async () => {
    const ops = await plainOps();
    const first = ops.alloc(1000).fill(7);
    ops.alloc(5000).fill(-1);
    ops.release();
    const again = ops.alloc(6000);
    expect(again.byteOffset).toBe(first.byteOffset);
    expect(again.every((v) => v === 0)).toBe(true);
    ops.dispose();
  });

  it('a plain memory too small for LeNet-5 at batch 32 refuses it, and holds it once sized by buildAfresh', async () => {
    const ops = await plainOps();
    expect(() => lenet(ops)).toThrow(/reserved are used up/);
    const later = 2 * arrayBytes(desc.paramFloats);
    for (let build = 0; build < 3; build++) {
      const m = buildAfresh(ops, lenet, later);
      m.input.fill(0.5);
      m.step(0);
      // Resets and a switch to Adam and back allocate nothing beyond the room made for them.
      m.resetOptimizer();
      m.setOptimizer({ kind: 'adam', lr: 1e-3 });
      m.step(1);
      m.resetOptimizer();
      m.setOptimizer(sgd);
      expect(Number.isFinite(m.step(2).lossSum)).toBe(true);
    }
    ops.dispose();
  });

  it('counts what a model allocates, and resetting its optimizer allocates nothing more', () => {
    const built = arenaBytes((ops) => lenet(ops));
    const reset = arenaBytes((ops) => {
      const m = lenet(ops);
      for (let i = 0; i < 5; i++) m.resetOptimizer();
    });
    expect(reset).toBe(built);
    // Parameters, gradients and momentum at least; every array rounded to 64 bytes.
    expect(built).toBeGreaterThan(3 * desc.paramFloats * 4);
    expect(built % 64).toBe(0);
    const adam = arenaBytes((ops) => lenet(ops).setOptimizer({ kind: 'adam', lr: 1e-3 }));
    expect(adam - built).toBe(2 * arrayBytes(desc.paramFloats));
  });
});
