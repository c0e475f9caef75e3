import { describe, expect, it } from 'vitest';
import { poolOut } from '../engine/geometry';
import { describeModel, layerSeed } from './describe';
import { initialState } from './init';
import type { LayerDesc } from './describe';

const lenet: LayerDesc[] = [
  {
    kind: 'Conv2d',
    in_channels: 1,
    out_channels: 6,
    kernel_size: 5,
    stride: 1,
    padding: 2,
    dilation: 1,
    groups: 1,
    bias: true,
  },
  { kind: 'ReLU' },
  { kind: 'MaxPool2d', kernel_size: 2, stride: 2, padding: 0, dilation: 1, ceil_mode: false },
  {
    kind: 'Conv2d',
    in_channels: 6,
    out_channels: 16,
    kernel_size: 5,
    stride: 1,
    padding: 0,
    dilation: 1,
    groups: 1,
    bias: true,
  },
  { kind: 'ReLU' },
  { kind: 'MaxPool2d', kernel_size: 2, stride: 2, padding: 0, dilation: 1, ceil_mode: false },
  { kind: 'Flatten' },
  { kind: 'Linear', in_features: 400, out_features: 120, bias: true },
  { kind: 'ReLU' },
  { kind: 'Linear', in_features: 120, out_features: 84, bias: true },
  { kind: 'ReLU' },
  { kind: 'Linear', in_features: 84, out_features: 10, bias: true },
];

describe('describeModel', () => {
  it('infers LeNet-5 shapes and counts its 61,706 parameters', () => {
    const d = describeModel([1, 28, 28], lenet);
    expect(d.layers.map((l) => l.outShape)).toEqual([
      [6, 28, 28],
      [6, 28, 28],
      [6, 14, 14],
      [16, 10, 10],
      [16, 10, 10],
      [16, 5, 5],
      [400],
      [120],
      [120],
      [84],
      [84],
      [10],
    ]);
    expect(d.parameterCount).toBe(61706);
  });

  it('places every tensor on a 256-byte boundary without overlap, in PyTorch layouts', () => {
    const d = describeModel([1, 28, 28], lenet);
    const tensors = d.layers.flatMap((l) => l.params);
    expect(tensors.map((t) => `${t.name}[${t.shape}]`).slice(0, 4)).toEqual([
      'weight[6,1,5,5]',
      'bias[6]',
      'weight[16,6,5,5]',
      'bias[16]',
    ]);
    let end = 0;
    for (const t of tensors) {
      expect(t.offset % 64).toBe(0);
      expect(t.offset).toBeGreaterThanOrEqual(end);
      end = t.offset + t.size;
    }
    expect(d.paramFloats).toBeGreaterThanOrEqual(end);
    expect(d.paramFloats % 64).toBe(0);
  });

  it('lays out ConvTranspose2d as [in, out, k, k] with fan_in from out_channels, and BatchNorm state apart', () => {
    const d = describeModel(
      [3, 5, 5],
      [
        { kind: 'BatchNorm2d', num_features: 3, eps: 1e-5, momentum: 0.1 },
        {
          kind: 'ConvTranspose2d',
          in_channels: 3,
          out_channels: 2,
          kernel_size: 3,
          stride: 2,
          padding: 1,
          output_padding: 1,
          dilation: 1,
          groups: 1,
          bias: false,
        },
      ],
    );
    expect(d.layers[1].outShape).toEqual([2, 10, 10]);
    expect(d.layers[1].params).toMatchObject([{ name: 'weight', shape: [3, 2, 3, 3], fanIn: 18 }]);
    expect(d.layers[0].buffers.map((b) => b.name)).toEqual(['running_mean', 'running_var']);
    expect(d.parameterCount).toBe(6 + 54);
  });

  it('refuses stacks that do not fit, naming the layer', () => {
    expect(() =>
      describeModel([1, 28, 28], [{ kind: 'Linear', in_features: 10, out_features: 2, bias: true }]),
    ).toThrow(/Linear expects a flat input/);
    expect(() =>
      describeModel(
        [1, 4, 4],
        [
          {
            kind: 'Conv2d',
            in_channels: 1,
            out_channels: 1,
            kernel_size: 7,
            stride: 1,
            padding: 0,
            dilation: 1,
            groups: 1,
            bias: true,
          },
        ],
      ),
    ).toThrow(/layer 1 \(Conv2d\): kernel 7 is larger than the 4×4 input/);
    expect(() =>
      describeModel(
        [2, 4, 4],
        [
          {
            kind: 'Conv2d',
            in_channels: 1,
            out_channels: 1,
            kernel_size: 1,
            stride: 1,
            padding: 0,
            dilation: 1,
            groups: 1,
            bias: true,
          },
        ],
      ),
    ).toThrow(/expects 1 channels, its input has 2/);
  });

  it('follows PyTorch pooling sizes, ceil_mode included', () => {
    expect(poolOut(5, 2, 2, 0, 1, false)).toBe(2);
    expect(poolOut(5, 2, 2, 0, 1, true)).toBe(3);
    // ceil_mode never starts a window in the right padding: 5 with pad 1, k 2, s 2 gives 3, not 4
    // (sizes printed by torch.nn.MaxPool2d(2, 2, padding=1, ceil_mode=True) in PyTorch 1.13).
    expect(poolOut(5, 2, 2, 1, 1, true)).toBe(3);
    expect(poolOut(6, 2, 2, 1, 1, true)).toBe(4);
  });

  it('derives distinct u32 dropout seeds per layer', () => {
    const seeds = [0, 1, 2, 3].map((i) => layerSeed(42, i));
    expect(new Set(seeds).size).toBe(4);
    for (const s of seeds) expect(s).toBe(s >>> 0);
  });
});

describe('initialState (PyTorch default initialisation)', () => {
  it('draws weights and biases in ±1/√fan_in, BatchNorm weight 1 and bias 0, running var 1', () => {
    const d = describeModel(
      [1, 8, 8],
      [
        {
          kind: 'Conv2d',
          in_channels: 1,
          out_channels: 4,
          kernel_size: 3,
          stride: 1,
          padding: 1,
          dilation: 1,
          groups: 1,
          bias: true,
        },
        { kind: 'BatchNorm2d', num_features: 4, eps: 1e-5, momentum: 0.1 },
        { kind: 'Flatten' },
        { kind: 'Linear', in_features: 256, out_features: 10, bias: true },
      ],
    );
    let x = 0;
    const { params, buffers } = initialState(d, () => (x = (x + 0.618034) % 1));
    const values = (layer: number, name: string, from = params) => {
      const t = [...d.layers[layer].params, ...d.layers[layer].buffers].find((p) => p.name === name)!;
      return Array.from(from.subarray(t.offset, t.offset + t.size));
    };
    const conv = values(0, 'weight');
    expect(Math.max(...conv.map(Math.abs))).toBeLessThanOrEqual(1 / 3);
    expect(Math.max(...conv.map(Math.abs))).toBeGreaterThan(0.25);
    expect(Math.max(...values(3, 'weight').map(Math.abs))).toBeLessThanOrEqual(1 / 16);
    expect(Math.max(...values(3, 'bias').map(Math.abs))).toBeLessThanOrEqual(1 / 16);
    expect(values(1, 'weight')).toEqual([1, 1, 1, 1]);
    expect(values(1, 'bias')).toEqual([0, 0, 0, 0]);
    expect(values(1, 'running_var', buffers)).toEqual([1, 1, 1, 1]);
    expect(values(1, 'running_mean', buffers)).toEqual([0, 0, 0, 0]);
  });
});
