import { describe, expect, it } from 'vitest';
import { defaultLayer } from './registry';
import { formulaOf } from './explain';
import { mathText } from './core/math';

const text = (n: Parameters<typeof mathText>[0] | null) => (n ? mathText(n) : '');

describe("layer formulas in the layer's own parameters", () => {
  it('a 1-channel conv with stride 1, no padding, no bias is the tutorial form', () => {
    const conv = {
      ...defaultLayer('Conv2d', 'x'),
      in_channels: 1,
      kernel_size: 5,
      stride: 1,
      padding: 0,
      dilation: 1,
      bias: false,
    };
    expect(text(formulaOf(conv).rule)).toBe('y(i, j) = Σ_{m = 0}^4 Σ_{n = 0}^4 w(m, n) · x(i + m, j + n)');
  });

  it('stride, padding, dilation, channels and bias appear in the conv formula and the output size', () => {
    const conv = {
      ...defaultLayer('Conv2d', 'x'),
      in_channels: 6,
      kernel_size: 3,
      stride: 2,
      padding: 1,
      dilation: 2,
      bias: true,
    };
    const f = formulaOf(conv, 28);
    expect(text(f.rule)).toBe(
      'y(i, j) = b + Σ_{c = 0}^5 Σ_{m = 0}^2 Σ_{n = 0}^2 w_c(m, n) · x_c(2 · i + 2 · m − 1, 2 · j + 2 · n − 1)',
    );
    // ⌊(28 + 2·1 − 2·(3 − 1) − 1)/2⌋ + 1 = 13
    expect(text(f.size)).toBe('H_{out} = ⌊ (28 + 2 · 1 − 2 · (3 − 1) − 1)/(2) ⌋ + 1 = 13');
    expect(f.legend).toContain('stride 2, padding 1');
  });

  it('max pooling is a max over the window at stride s', () => {
    const pool = { ...defaultLayer('MaxPool2d', 'x'), kernel_size: 2, stride: 2, padding: 0, dilation: 1 };
    const f = formulaOf(pool, 28);
    expect(text(f.rule)).toBe('y(i, j) = max_{0 ≤ m, n < 2} x(2 · i + m, 2 · j + n)');
    expect(text(f.size)).toMatch(/= 14$/);
  });

  it('the transposed conv is the tutorial form at stride 1, and divides by the stride otherwise', () => {
    const t = {
      ...defaultLayer('ConvTranspose2d', 'x'),
      kernel_size: 3,
      stride: 1,
      padding: 0,
      dilation: 1,
      output_padding: 0,
      bias: false,
    };
    expect(text(formulaOf(t).rule)).toBe('y(i, j) = Σ_{m = 0}^2 Σ_{n = 0}^2 w(m, n) · x(i − m, j − n)');
    const s2 = { ...t, stride: 2, padding: 1, output_padding: 1 };
    const f = formulaOf(s2, 7);
    expect(text(f.rule)).toContain('x((i − m + 1)/(2), (j − n + 1)/(2))');
    // (7 − 1)·2 − 2·1 + 1·(3 − 1) + 1 + 1 = 14
    expect(text(f.size)).toMatch(/= 14$/);
  });

  it('every layer kind has a formula', () => {
    for (const kind of [
      'Linear',
      'ReLU',
      'LeakyReLU',
      'Sigmoid',
      'Tanh',
      'BatchNorm2d',
      'Dropout',
      'Flatten',
      'AvgPool2d',
    ] as const) {
      expect(text(formulaOf(defaultLayer(kind, 'x')).rule)).toMatch(/^y/);
    }
  });
});
