// nn.Sigmoid: y = 1 / (1 + e^−x); dy/dx = y(1 − y).
import { frac, mi, mn, mo, row, sup } from '../core/math';
import { ACTIVATION } from '../core/elementwise';
import { defineLayer } from '../core/types';
import { onnxOp } from '../core/onnx';

export type SigmoidLayer = {
  kind: 'Sigmoid';
  id: string;
  inputs?: string[];
};

export const sigmoid = defineLayer<SigmoidLayer>({
  ...ACTIVATION,
  kind: 'Sigmoid',
  description: 'Squashes each value into 0 to 1.',
  params: {},
  traits: { ...ACTIVATION.traits, sigmoid: true },
  summary: () => '',
  animation: 'curve',
  explain: () => ({
    rule: row(mi('y'), mo('='), frac(mn(1), row(mn(1), mo('+'), sup(mi('e'), row(mo('−'), mi('x')))))),
    size: null,
    legend: 'Squashes any value into (0, 1).',
  }),
  onnx: onnxOp('Sigmoid'),
  python: { prefix: 'sigmoid', module: () => 'nn.Sigmoid()' },
});
