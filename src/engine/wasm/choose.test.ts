import { describe, expect, it } from 'vitest';
import { referenceOps } from '../cpu-ops';
import { chooseCpuBackend, detectCpuEnvironment, threadsFor, type CpuEnvironment } from './choose';
import { microBenchmark } from './micro-bench';
import { wasmSuite } from './testing/suite';

const isolated: CpuEnvironment = { wasmSimd: true, sharedMemory: true, cores: 8 };

describe('chooseCpuBackend', () => {
  it('takes the wasm ops on several threads where memory can be shared, one core left for the page', () => {
    expect(chooseCpuBackend(isolated)).toEqual({
      kind: 'wasm',
      threads: 4,
      reason: 'WebAssembly, 4 threads',
    });
    expect(chooseCpuBackend({ ...isolated, cores: 2 }).threads).toBe(2);
    expect(chooseCpuBackend({ ...isolated, cores: 1 })).toEqual({
      kind: 'wasm',
      threads: 1,
      reason: 'WebAssembly, 1 thread',
    });
    expect([1, 2, 3, 4, 5, 16].map(threadsFor)).toEqual([1, 2, 2, 3, 4, 4]);
    expect(threadsFor(null)).toBe(1);
  });

  it('runs the wasm ops on one thread without cross-origin isolation, and says why', () => {
    const c = chooseCpuBackend({ ...isolated, sharedMemory: false });
    expect(c.kind).toBe('wasm');
    expect(c.threads).toBe(1);
    expect(c.reason).toMatch(/not cross-origin isolated/);
  });

  it('falls back to plain JavaScript without WebAssembly SIMD, also when wasm was asked for', () => {
    const env = { ...isolated, wasmSimd: false };
    expect(chooseCpuBackend(env).kind).toBe('js');
    expect(chooseCpuBackend(env, 'wasm').reason).toBe(
      'plain JavaScript: WebAssembly SIMD is not available in this browser',
    );
  });

  it('honours the override to plain JavaScript', () => {
    expect(chooseCpuBackend(isolated, 'js')).toEqual({
      kind: 'js',
      threads: 1,
      reason: 'plain JavaScript, as chosen',
    });
  });

  it('keeps one thread when threads were measured no faster on this machine', () => {
    expect(chooseCpuBackend(isolated, 'auto', { wasm1: 5, wasmThreaded: 5.5 }).threads).toBe(1);
    expect(chooseCpuBackend(isolated, 'auto', { wasm1: 5, wasmThreaded: 3 }).threads).toBe(4);
  });

  it('detects SIMD and shared memory in Node', () => {
    expect(detectCpuEnvironment()).toMatchObject({ wasmSimd: true, sharedMemory: true });
  });
});

describe('microBenchmark', () => {
  const suite = wasmSuite();
  it('times whole iterations on either backend', () => {
    for (const ops of [referenceOps, suite.ops()]) {
      const r = microBenchmark(ops, 0, 2);
      expect(r.iterations).toBe(2);
      expect(r.msPerIteration).toBeGreaterThan(0);
    }
  });
});
