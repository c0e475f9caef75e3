// Issue 10's fuzz on real WebGPU (SwiftShader), at a suite-sized count: every random design is refused
// with a plain message or trains one step with no WebGPU error, the inferred shapes and (where cheap) the
// CPU reference's results, which the WebAssembly ops (two threads) must match too. `npm run fuzz` runs
// the full 1,000.
import { describe, expect, it } from 'vitest';
import { createNodeWasmOps } from '../../engine/wasm/testing/node';
import { getTestDevice, uncapturedErrors } from '../../gpu/testing/test-device';
import { messageProblem } from './messages';
import { runFuzz } from './run';

describe('fuzzed designs on WebGPU', () => {
  it('60 random stacks are each refused with a plain message or train one step cleanly', async () => {
    const device = await getTestDevice();
    const wasm = await createNodeWasmOps(2);
    const summary = await runFuzz(device, { seed: 20261125, count: 60, wasm });
    wasm.dispose();
    expect(summary.failures.map((f) => `#${f.index}: ${f.reason}`)).toEqual([]);
    expect(summary.accepted + summary.rejected).toBe(60);
    // Both outcomes must be common for the run to mean anything, and most accepted ones checked on the CPU.
    expect(summary.accepted).toBeGreaterThanOrEqual(15);
    expect(summary.rejected).toBeGreaterThanOrEqual(15);
    expect(summary.comparedWithCpu).toBeGreaterThanOrEqual(summary.accepted * 0.8);
    expect(summary.comparedWithWasm).toBe(summary.comparedWithCpu);
    expect(summary.refusals.size).toBeGreaterThan(5);
    expect(uncapturedErrors).toEqual([]);
  });
});

describe('what counts as a plain message', () => {
  it('refuses stack traces, programming values, raw exceptions and sizes without numbers', () => {
    const ok = 'layer 3 (Linear): in_features is 100 but the previous layer gives 784 values';
    expect(messageProblem(ok)).toBeNull();
    expect(messageProblem(`${ok}\n    at inferLayer (flat-shapes.ts:12:3)`)).toMatch(/stack trace/);
    expect(messageProblem('the kernel size is undefined')).toMatch(/programming value/);
    expect(messageProblem('the loss is NaN')).toMatch(/programming value/);
    expect(messageProblem("TypeError: cannot read properties of null (reading 'shape')")).toMatch(/./);
    expect(messageProblem('')).toMatch(/too short/);
    expect(messageProblem(42)).toMatch(/not text/);
    expect(messageProblem('the model needs more GPU memory than there is')).toMatch(/without the sizes/);
    expect(
      messageProblem('the model needs about 1.5 GiB of GPU memory, more than the 1 GiB available'),
    ).toBeNull();
  });
});
