import { describe, expect, it } from 'vitest';
import { analyzeSpec, wireSpec } from './analyze';
import type { Layer, LayerKind } from './spec';
import { L, net } from './testing/build';

// Output shapes and parameter counts measured with PyTorch 1.13:
// getattr(nn, kind)(**params)(torch.zeros([2] + input)).shape[1:], sum(p.numel() for p in m.parameters()).
const TORCH_CASES: {
  kind: LayerKind;
  params: Record<string, unknown>;
  input: number[];
  output: number[];
  count: number;
}[] = [
  {
    kind: 'Conv2d',
    params: { in_channels: 1, out_channels: 6, kernel_size: 5, padding: 2 },
    input: [1, 28, 28],
    output: [6, 28, 28],
    count: 156,
  },
  {
    kind: 'Conv2d',
    params: { in_channels: 3, out_channels: 4, kernel_size: 3, stride: 2, padding: 1, dilation: 2 },
    input: [3, 17, 17],
    output: [4, 8, 8],
    count: 112,
  },
  {
    kind: 'Conv2d',
    params: { in_channels: 2, out_channels: 5, kernel_size: 1, stride: 3 },
    input: [2, 7, 11],
    output: [5, 3, 4],
    count: 15,
  },
  {
    kind: 'Conv2d',
    params: { in_channels: 1, out_channels: 2, kernel_size: 4, stride: 5 },
    input: [1, 13, 13],
    output: [2, 2, 2],
    count: 34,
  },
  {
    kind: 'ConvTranspose2d',
    params: { in_channels: 32, out_channels: 16, kernel_size: 3, stride: 2, padding: 1, output_padding: 1 },
    input: [32, 7, 7],
    output: [16, 14, 14],
    count: 4624,
  },
  {
    kind: 'ConvTranspose2d',
    params: { in_channels: 4, out_channels: 2, kernel_size: 4, stride: 2, padding: 1 },
    input: [4, 7, 7],
    output: [2, 14, 14],
    count: 130,
  },
  {
    kind: 'ConvTranspose2d',
    params: {
      in_channels: 3,
      out_channels: 1,
      kernel_size: 3,
      stride: 3,
      padding: 2,
      output_padding: 1,
      dilation: 2,
    },
    input: [3, 5, 6],
    output: [1, 14, 17],
    count: 28,
  },
  {
    kind: 'MaxPool2d',
    params: { kernel_size: 2, stride: 2 },
    input: [6, 28, 28],
    output: [6, 14, 14],
    count: 0,
  },
  {
    kind: 'MaxPool2d',
    params: { kernel_size: 3, stride: 2, ceil_mode: true },
    input: [2, 6, 6],
    output: [2, 3, 3],
    count: 0,
  },
  {
    kind: 'MaxPool2d',
    params: { kernel_size: 3, stride: 2, padding: 1, ceil_mode: true },
    input: [2, 5, 5],
    output: [2, 3, 3],
    count: 0,
  },
  {
    kind: 'MaxPool2d',
    params: { kernel_size: 2, stride: 2, dilation: 2, padding: 1 },
    input: [1, 9, 9],
    output: [1, 5, 5],
    count: 0,
  },
  {
    kind: 'MaxPool2d',
    params: { kernel_size: 2, stride: 3, ceil_mode: true },
    input: [1, 7, 7],
    output: [1, 3, 3],
    count: 0,
  },
  {
    kind: 'AvgPool2d',
    params: { kernel_size: 3, stride: 2, padding: 1, ceil_mode: true },
    input: [4, 14, 14],
    output: [4, 8, 8],
    count: 0,
  },
  { kind: 'AvgPool2d', params: { kernel_size: 2, stride: 2 }, input: [3, 5, 5], output: [3, 2, 2], count: 0 },
  {
    kind: 'AvgPool2d',
    params: { kernel_size: 3, stride: 3, ceil_mode: true },
    input: [1, 7, 7],
    output: [1, 3, 3],
    count: 0,
  },
];

/** Analyse one layer on an arbitrary image input: Flatten → Linear(784 → n) → Unflatten(input) → layer. */
function single(layer: Layer, input: number[]) {
  const n = input.reduce((a, b) => a * b, 1);
  const size = input as [number, number, number];
  const spec = net([
    L('Flatten'),
    L('Linear', { out_features: n }),
    L('Unflatten', { unflattened_size: size }),
    layer,
  ]);
  return analyzeSpec(spec).layers[3];
}

describe('shape inference matches PyTorch', () => {
  it.each(TORCH_CASES)('$kind $params on $input gives $output', ({ kind, params, input, output, count }) => {
    const info = single(L(kind, params), input);
    // The classification output check (must end with 10 values) is not this layer's concern.
    expect(info.issues.filter((i) => !i.message.startsWith('the network ends'))).toEqual([]);
    expect(info.outputShape).toEqual(output);
    expect(info.params).toBe(count);
  });

  it('passes shape through activations, Dropout and BatchNorm2d, counting BatchNorm2d weight and bias', () => {
    for (const kind of ['ReLU', 'LeakyReLU', 'Sigmoid', 'Tanh', 'Dropout', 'BatchNorm2d'] as const) {
      const info = single(L(kind), [8, 5, 3]);
      expect(info.outputShape).toEqual([8, 5, 3]);
      expect(info.params).toBe(kind === 'BatchNorm2d' ? 16 : 0);
      expect(info.flops).toBe((kind === 'BatchNorm2d' ? 2 : 1) * 120);
    }
  });

  it('flattens C×H×W to one vector and unflattens it back', () => {
    const a = analyzeSpec(
      net([L('Flatten'), L('Unflatten', { unflattened_size: [4, 14, 14] }), L('Flatten'), L('Linear')]),
    );
    expect(a.layers.map((l) => l.outputShape)).toEqual([[784], [4, 14, 14], [784], [10]]);
    expect(a.valid).toBe(true);
  });

  it('counts Linear parameters and FLOPs as 2 per multiply-add', () => {
    const a = analyzeSpec(net([L('Flatten'), L('Linear', { in_features: 784, out_features: 10 })]));
    expect(a.layers[1].params).toBe(7850);
    expect(a.layers[1].flops).toBe(2 * 784 * 10);
    const noBias = analyzeSpec(net([L('Flatten'), L('Linear', { out_features: 10, bias: false })]));
    expect(noBias.totalParams).toBe(7840);
  });

  it('counts convolution FLOPs per output value and pooling per window element', () => {
    const a = analyzeSpec(
      net([
        L('Conv2d', { out_channels: 6, kernel_size: 5, padding: 2 }),
        L('MaxPool2d'),
        L('Flatten'),
        L('Linear', { out_features: 10 }),
      ]),
    );
    expect(a.layers[0].flops).toBe(2 * 1 * 25 * 6 * 28 * 28);
    expect(a.layers[1].flops).toBe(4 * 6 * 14 * 14);
    const t = single(
      L('ConvTranspose2d', { in_channels: 4, out_channels: 2, kernel_size: 4, stride: 2, padding: 1 }),
      [4, 7, 7],
    );
    expect(t.flops).toBe(2 * 4 * 7 * 7 * 2 * 16);
    expect(a.totalFlops).toBe(a.layers.reduce((s, l) => s + l.flops, 0));
  });

  it('stops inference after an error and reports null shapes from there on', () => {
    const a = analyzeSpec(net([L('Conv2d', { kernel_size: 0 }), L('ReLU'), L('Flatten'), L('Linear')]));
    expect(a.layers.map((l) => l.outputShape)).toEqual([null, null, null, null]);
    expect(a.outputShape).toBeNull();
    expect(a.valid).toBe(false);
  });
});

describe('autoWire', () => {
  const layers = () => [
    L('Conv2d', { in_channels: 3, out_channels: 6, kernel_size: 5 }),
    L('BatchNorm2d', { num_features: 99 }),
    L('Flatten'),
    L('Linear', { in_features: 7, out_features: 10 }),
  ];

  it('takes in_channels, num_features and in_features from the previous layer and reports them', () => {
    const a = analyzeSpec(net(layers()));
    expect(a.valid).toBe(true);
    expect(a.layers.map((l) => l.wired)).toEqual([
      { in_channels: 1 },
      { num_features: 6 },
      {},
      { in_features: 3456 },
    ]);
    expect(a.layers[0].params).toBe(6 * 25 + 6);
    expect(a.layers[3].params).toBe(3456 * 10 + 10);
  });

  it('wireSpec writes the wired values in, so the same spec is valid with autoWire off', () => {
    const wired = wireSpec(net(layers()));
    expect(wired.layers[0]).toMatchObject({ in_channels: 1 });
    expect(wired.layers[1]).toMatchObject({ num_features: 6 });
    expect(wired.layers[3]).toMatchObject({ in_features: 3456 });
    expect(analyzeSpec({ ...wired, autoWire: false }).valid).toBe(true);
  });

  it('with autoWire off, the declared values are checked instead', () => {
    const a = analyzeSpec(net(layers(), { autoWire: false }));
    expect(a.valid).toBe(false);
    expect(a.layers.map((l) => l.wired)).toEqual([{}, {}, {}, {}]);
  });
});
