import { describe, expect, it } from 'vitest';
import { createWasmOps } from './create';
import { loadNodeModule } from './testing/node';

describe('wasm memory: alloc, growth and foreign arrays', () => {
  it('hands out zeroed, 64-byte aligned arrays and grows a shared memory without losing earlier ones', async () => {
    const ops = await createWasmOps({ shared: true, reserveBytes: 2 ** 20, loadModule: loadNodeModule });
    const first = ops.alloc(1000).fill(3);
    expect(first.byteOffset % 64).toBe(0);
    // Far more than the reserve: the memory grows, and `first` still reads and writes the same memory.
    const big = ops.alloc(4 * 2 ** 20);
    expect(big.every((v) => v === 0)).toBe(true);
    const x = ops.alloc(8).fill(-2);
    ops.activationForward('relu', first.subarray(0, 8), x);
    expect(Array.from(x)).toEqual(Array(8).fill(3));
    expect(() => ops.alloc(-1)).toThrow(/alloc needs a whole number of floats >= 0, got -1/);
    ops.dispose();
  });

  it('refuses to grow a plain memory once arrays are out, rather than detach them', async () => {
    const ops = await createWasmOps({ shared: false, reserveBytes: 2 ** 20, loadModule: loadNodeModule });
    expect(ops.shared).toBe(false);
    const a = ops.alloc(1000);
    expect(() => ops.alloc(2 ** 20)).toThrow(
      /without cross-origin isolation the memory cannot grow .* larger reserveBytes/,
    );
    // `a` is intact and usable.
    ops.activationForward('relu', a, a);
    ops.dispose();
  });

  it('refuses arrays from elsewhere, naming the op and the argument', async () => {
    const ops = await createWasmOps({ shared: false, loadModule: loadNodeModule });
    const other = await createWasmOps({ shared: false, loadModule: loadNodeModule });
    expect(() => ops.activationForward('tanh', other.alloc(4), ops.alloc(4))).toThrow(
      /tanh forward: x is not in this backend's memory \(allocate it with ops.alloc/,
    );
    expect(() => ops.mseLoss(ops.alloc(4), new Float32Array(4), ops.alloc(4))).toThrow(
      /mse: target is not in this backend's memory/,
    );
    ops.dispose();
    other.dispose();
  });

  it('refuses calls after dispose', async () => {
    const ops = await createWasmOps({ loadModule: loadNodeModule });
    const a = ops.alloc(4);
    ops.dispose();
    expect(() => ops.activationForward('relu', a, a)).toThrow(/used after dispose\(\)/);
    expect(() => ops.mseLoss(a, a, a)).toThrow(/used after dispose\(\)/);
  });

  it('refuses threads without a shared memory', async () => {
    await expect(createWasmOps({ threads: 2, shared: false, loadModule: loadNodeModule })).rejects.toThrow(
      /threads > 1 need a shared memory/,
    );
    await expect(createWasmOps({ threads: 0, loadModule: loadNodeModule })).rejects.toThrow(
      /threads must be an integer in \[1, 64\], got 0/,
    );
  });
});
