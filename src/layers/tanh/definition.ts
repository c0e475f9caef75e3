// nn.Tanh: y = tanh(x); dy/dx = 1 − y².
import { call } from '../core/formula';
import { mi, mo, row } from '../core/math';
import { ACTIVATION } from '../core/elementwise';
import { defineLayer } from '../core/types';
import { onnxOp } from '../core/onnx';

export type TanhLayer = {
  kind: 'Tanh';
  id: string;
  inputs?: string[];
};

export const tanh = defineLayer<TanhLayer>({
  ...ACTIVATION,
  kind: 'Tanh',
  description: 'Squashes each value into -1 to 1.',
  params: {},
  summary: () => '',
  animation: 'curve',
  explain: () => ({
    rule: row(mi('y'), mo('='), call(mi('tanh'), mi('x'))),
    size: null,
    legend: 'Squashes any value into (−1, 1).',
  }),
  onnx: onnxOp('Tanh'),
  python: { prefix: 'tanh', module: () => 'nn.Tanh()' },
});
