import { describe, expect, it } from 'vitest';
import { defaultLayer } from '../../network/spec';
import { formatFlops, keyParams } from './layer-summary';

describe('layer card summaries', () => {
  it('describes convolutions with wired input channels, kernel, stride and padding', () => {
    const conv = { ...defaultLayer('Conv2d', 'c'), out_channels: 6, kernel_size: 5, padding: 2 };
    expect(keyParams(conv)).toBe('1→6, 5×5, pad 2');
    expect(keyParams({ ...conv, stride: 2 }, { in_channels: 3 })).toBe('3→6, 5×5, stride 2, pad 2');
  });

  it('omits a pooling stride equal to the kernel (PyTorch default) and states any other', () => {
    expect(keyParams(defaultLayer('MaxPool2d', 'p'))).toBe('2×2');
    expect(keyParams({ ...defaultLayer('MaxPool2d', 'p'), stride: 1 })).toBe('2×2, stride 1');
    expect(keyParams({ ...defaultLayer('AvgPool2d', 'p'), kernel_size: 3, stride: 2 })).toBe('3×3, stride 2');
  });

  it('describes dense and other layers', () => {
    expect(keyParams({ ...defaultLayer('Linear', 'l'), out_features: 120 }, { in_features: 400 })).toBe(
      '400→120',
    );
    expect(keyParams(defaultLayer('Dropout', 'd'))).toBe('p 0.5');
    expect(keyParams(defaultLayer('ReLU', 'r'))).toBe('');
  });

  it('formats FLOPs with units', () => {
    expect(formatFlops(999)).toBe('999');
    expect(formatFlops(1500)).toBe('1.5 k');
    expect(formatFlops(2_340_000)).toBe('2.34 M');
  });
});
