// How a layer kind is written in ONNX (opset 17): each definition's `onnx` adds the nodes that compute
// the layer in eval mode from its inputs' values into its output value, with its state_dict tensors as
// initialisers. The exporter (network/export/onnx) names the values, collects the nodes and encodes them.
import type { Shape } from './layer-data';

/** The operator set every exported model imports (ONNX 1.12, IR version 8: what the checker and
 *  onnxruntime-web read; GroupNormalization (18) is left out as the decomposition below matches PyTorch). */
export const ONNX_OPSET = 17;

/** An attribute value with its ONNX type: a number alone cannot say whether 1 is an INT or a FLOAT. */
export type OnnxAttribute =
  | { type: 'int'; value: number }
  | { type: 'ints'; value: readonly number[] }
  | { type: 'float'; value: number }
  | { type: 'string'; value: string };

export const attr = {
  int: (value: number): OnnxAttribute => ({ type: 'int', value }),
  ints: (value: readonly number[]): OnnxAttribute => ({ type: 'ints', value }),
  float: (value: number): OnnxAttribute => ({ type: 'float', value }),
  string: (value: string): OnnxAttribute => ({ type: 'string', value }),
};

export type OnnxAttributes = Record<string, OnnxAttribute>;

/** What a kind's lowering sees: its values by name and ways to add nodes and constants. */
export interface OnnxContext {
  /** The values the layer reads, in order, each [N, ...shape]. */
  inputs: readonly string[];
  /** The value the layer's result must be written to. */
  output: string;
  /** Per-sample shapes (without the batch) of the inputs and of the output. */
  inputShapes: readonly Shape[];
  outputShape: Shape;
  /** The initialiser of the layer's state_dict tensor `name` (weight, bias, running_mean, ...), given
   *  other dims of the same size where a node wants them (a per-channel scale as [C, 1, 1]). */
  tensor(name: string, dims?: readonly number[]): string;
  /** A float constant the lowering needs (ones for a missing scale, a pooling matrix). */
  floats(label: string, dims: readonly number[], values: ArrayLike<number>): string;
  /** A 1-D int64 constant (a shape, pads). */
  int64s(label: string, values: readonly number[]): string;
  /** Adds a node; returns the name of its output, `output` or a fresh one. */
  node(op: string, inputs: readonly string[], attributes?: OnnxAttributes, output?: string): string;
}

export type OnnxLowering<L> = (layer: L, ctx: OnnxContext) => void;

/** A layer that is one ONNX operator on its inputs (Relu, Sigmoid, Softmax with axis 1, ...). */
export function onnxOp<L>(
  op: string,
  attributes: (layer: L) => OnnxAttributes = () => ({}),
): OnnxLowering<L> {
  return (layer, ctx) => void ctx.node(op, ctx.inputs, attributes(layer), ctx.output);
}

/** Conv and pooling windows: a k×k window moved by s with p on every side, taps d apart. */
export function windowAttributes(k: number, s: number, p: number, d: number): OnnxAttributes {
  return {
    kernel_shape: attr.ints([k, k]),
    strides: attr.ints([s, s]),
    pads: attr.ints([p, p, p, p]),
    dilations: attr.ints([d, d]),
  };
}
