// nn.ReLU: y = max(0, x); its gradient passes where y > 0.
import { call } from '../core/formula';
import { mi, mn, mo, row } from '../core/math';
import { ACTIVATION } from '../core/elementwise';
import { defineLayer } from '../core/types';
import { onnxOp } from '../core/onnx';

export type ReLULayer = {
  kind: 'ReLU';
  id: string;
  inputs?: string[];
};

export const relu = defineLayer<ReLULayer>({
  ...ACTIVATION,
  kind: 'ReLU',
  description: 'Keeps positive values and zeroes negative ones.',
  params: {},
  traits: { ...ACTIVATION.traits, relu: true },
  summary: () => '',
  animation: 'curve',
  explain: () => ({
    rule: row(mi('y'), mo('='), call(mo('max'), mn(0), mi('x'))),
    size: null,
    legend: 'Negative values become 0.',
  }),
  onnx: onnxOp('Relu'),
  python: { prefix: 'relu', module: () => 'nn.ReLU()' },
});
