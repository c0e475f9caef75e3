import { describe, expect, it } from 'vitest';
import { memoryOf } from '../../network/memory';
import { analyzeSpec } from '../../network/analyze';
import { presetSpec } from '../../network/presets';
import { formatBytesShort, formatTimes, layerMemory } from './cost';

describe('per-layer cost', () => {
  it('memory of a LeNet-5 conv layer: output and gradient for the batch, weights with gradient and two moments', () => {
    const m = layerMemory({ kind: 'Conv2d', outputShape: [6, 28, 28], params: 156 }, 64);
    expect(m.activationBytes).toBe(2 * 6 * 28 * 28 * 64 * 4);
    expect(m.paramBytes).toBe(4 * 156 * 4);
    expect(layerMemory({ kind: 'Flatten', outputShape: [400], params: 0 }, 64).activationBytes).toBe(0);
  });

  it('the per-layer figures add up to the network-wide estimate, less the input', () => {
    const analysis = analyzeSpec(presetSpec('lenet-5'));
    const batch = 64;
    const per = analysis.layers.map((l) => layerMemory(l, batch));
    const sum = per.reduce((s, m) => s + m.activationBytes + m.paramBytes, 0);
    const input = 2 * 784 * batch * 4;
    const whole = memoryOf([1, 28, 28], [], batch).activationBytes;
    expect(whole).toBe(input);
    expect(sum + input).toBe(analysis.memory.totalBytes);
  });

  it('formats bytes and times', () => {
    expect(formatBytesShort(1_500_000)).toBe('1.50 MB');
    expect(formatBytesShort(96_000)).toBe('96.0 kB');
    expect(formatBytesShort(0)).toBe('0 B');
    expect(formatTimes(0.1234, 12.345)).toBe('0.123 / 12.3 ms');
  });
});
