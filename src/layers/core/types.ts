// What a layer kind is. Each kind is one LayerDefinition (src/layers/<kind>/definition.ts) that says
// everything the app knows about it: PyTorch's parameters with their ranges and docs, its checks and
// fixes, its output shape, its tensors, counts, card summary, formula and PyTorch code. Its GPU and CPU
// plans sit beside it (gpu.ts, cpu.ts) in a separate registry, so the page never loads a kernel.
import type { AnimationStyle } from './animation';
import type { Formula } from './formula';
import type { SpecFix, SpecIssue } from './issues';
import type { OnnxLowering } from './onnx';
import type { ParamRule } from './params';

import type { LayerBase, LayerData, ParamValue, Shape } from './layer-data';

export type { LayerBase, LayerData, ParamValue, Shape };

export type ParamsOf<L extends LayerBase> = Omit<L, 'kind' | 'id' | 'inputs'>;

export interface ParamSpec {
  rule: ParamRule;
  /** PyTorch's default, or a small sensible size where PyTorch has none. */
  default: ParamValue;
  /** One line on what it does, for the inspector. */
  doc: string;
  /** Files must state it (PyTorch has no default). */
  required?: boolean;
  /** The catalogue key of words added to a range error, e.g. what the value means. */
  hint?: string;
  /** When a file leaves it out, it takes this parameter's value (pooling's stride=None is kernel_size). */
  defaultFrom?: string;
}

export type LayerGroupId =
  'convolution' | 'pooling' | 'dense' | 'activation' | 'normalisation' | 'merge' | 'reshape';

/** One tensor a layer owns, as in PyTorch's state_dict. */
export interface TensorSpec {
  /** Name within the module: weight, bias, running_mean, running_var. */
  name: string;
  shape: number[];
  /** fan_in of PyTorch's default initialisation (weight and bias alike). */
  fanIn: number;
  /** U(±1/√fan_in) (PyTorch's kaiming_uniform with a = √5, and its bias rule), or a constant. */
  init: 'uniform' | 'ones' | 'zeros';
  /** A buffer (running statistics): kept and exported, never trained. */
  buffer?: boolean;
}

/** Parameters the analysis filled in from the input because autoWire is on (in_channels, ...). */
export type Wired = Record<string, number>;

export interface InferResult {
  /** null when the layer cannot produce an output; inference stops on this path. */
  output: Shape | null;
  wired: Wired;
  issues: SpecIssue[];
}

export interface LayerAt {
  index: number;
  layer: LayerData;
  /** Its kind's traits.sizeParam: the parameter that sets its output's first dimension, if any. */
  sizeParam?: string;
}

/** What a layer's shape rule sees: its inputs' shapes and ways to word issues and build fixes. */
export interface InferContext {
  /** 0-based position in the design. */
  index: number;
  /** One shape per input, all known. */
  inputs: readonly Shape[];
  /** The first input's shape. */
  input: Shape;
  autoWire: boolean;
  /** "layer 3 (Conv2d)". */
  name: string;
  /** "the input", "the previous layer" or "layer 2 (ReLU)": where the first input comes from. */
  sourceName: string;
  /** Ids of the layers it reads, one per input ('input' for the network's input). */
  inputIds: string[];
  /** "the input", "layer 2 (ReLU)": each input's source in words. */
  inputNames: string[];
  /** The most recent Flatten on the first-input path and the image it flattened. */
  lastFlatten: { index: number; shape: Shape } | null;
  /** The nearest layer up input `slot`'s path that sets the shape (pass-through layers skipped). */
  shapeSource(slot?: number): LayerAt | null;
  /** Earlier outputs (layers before this one, then the network input) it does not read yet whose shape
   *  `accept` takes, nearest first: candidates for a second input. */
  earlier(accept: (shape: Shape) => boolean): { id: string; name: string; shape: Shape }[];
  /** A fix that makes this layer read `inputs` (ids). */
  connect(inputs: string[], label: string): SpecFix;
  /** A fresh layer for a fix, with an id derived from the design so repeated analyses give equal fixes. */
  newLayer(kind: string, params?: Record<string, ParamValue>): LayerData;
  /** A fix that inserts a layer right before this one, on its first input. */
  insertBefore(layer: LayerData, what?: string): SpecFix;
  error(message: string, fix?: SpecFix): SpecIssue;
  warning(message: string, fix?: SpecFix): SpecIssue;
  /** With autoWire `param` follows the input; without, a mismatch is an error with a fix. */
  wire(param: string, actual: number, unit: string, wired: Wired, issues: SpecIssue[]): void;
}

/** What a layer's cross-parameter checks see. */
export interface CheckContext {
  index: number;
  name: string;
  error(message: string, fix?: SpecFix): SpecIssue;
}

/** Facts other modules ask instead of naming kinds. */
export interface LayerTraits {
  /** The output is the input under a new shape: no kernel and no memory of its own. */
  view?: boolean;
  /** Keeps its input's shape and is skipped when looking for the layer that set it. */
  passThrough?: boolean;
  /** The parameter that sets the size of the output's first dimension (out_features, out_channels). */
  sizeParam?: string;
  /** An activation that squashes values: a warning right before a loss that wants raw scores. */
  squashes?: boolean;
  /** Computes exactly ReLU, so a layer with reluEpilogue before it can take it into its epilogue. */
  relu?: boolean;
  /** Can apply a following ReLU in its training forward's epilogue. */
  reluEpilogue?: boolean;
  /** Is a sigmoid: a BCE loss right after it works on its input (BCE with logits). */
  sigmoid?: boolean;
  /** Normalises with batch statistics while training, so it needs batch × H × W ≥ 2. */
  batchStatistics?: boolean;
  /** Its weight is a bank of 2-D filters, shown as images in the inspector. */
  filters?: boolean;
  /** A regulariser that acts only while training and is the identity when evaluating (a train/test gap). */
  trainingOnly?: boolean;
  /** Its outputs are codes pulled towards N(0, 1) (a VAE's sampling step), so the prior's span is where to look. */
  standardNormalCode?: boolean;
}

/** The PyTorch code of a kind. */
export interface PythonCode<L extends LayerBase> {
  /** Attribute prefix in the exported nn.Module: 'conv' gives conv1, conv2, ... */
  prefix: string;
  /** The torch.nn constructor call with PyTorch's defaults left out; absent for a layer forward() writes inline. */
  module?(layer: L, name: string): string;
  /** forward()'s expression from its inputs' expressions; absent: `self.<attribute>(<input>)`. */
  call?(inputs: readonly string[], attribute: string): string;
  /** Added to forward()'s shape comment, e.g. the order Flatten reads values in. */
  note?: string;
  /** For a kind PyTorch lacks: the class model.py defines (once, before the network) for module() to build. */
  definition?: string;
  /** An attribute of each such module that train.py adds to the loss (a regulariser the forward computes). */
  lossTerm?: string;
}

/** One value of a fuzzed layer: usually in [lo, hi], sometimes an edge case (0, negative, huge). */
export interface FuzzRandom {
  size(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export interface LayerDefinition<L extends LayerBase = LayerData> {
  kind: L['kind'];
  group: LayerGroupId;
  /** The palette's line: what it does, in plain words. */
  description: string;
  /** PyTorch's parameters in signature order. */
  params: { [P in keyof ParamsOf<L>]-?: ParamSpec };
  /** 'many' for layers that merge branches (two inputs or more); every other kind reads one. */
  arity: 'one' | 'many';
  traits?: LayerTraits;
  /** PyTorch's cross-parameter rules, once every value is in its range. */
  check?(layer: L, ctx: CheckContext): SpecIssue[];
  /** Output shape, wired parameters and shape issues from the inputs' shapes. */
  infer(layer: L, ctx: InferContext): InferResult;
  /** Parameters and buffers in state_dict order (for a wired layer); absent: none. */
  tensors?(layer: L): TensorSpec[];
  /** Forward FLOPs per sample: 2 per multiply-add, 1 per other operation on an output value. */
  flops(layer: L, inputs: readonly Shape[], output: Shape): number;
  /** Key parameters in a few characters for a card: "1→6, 5×5, pad 2" ('' when there are none). */
  summary(layer: L): string;
  /** The rule for one output value in the layer's own numbers; `inputSize` is its input's height if known. */
  explain(layer: L, inputSize: number | null): Formula;
  /** How the explanation animates it on the user's real data (one component per style in the page). */
  animation: AnimationStyle;
  python: PythonCode<L>;
  /** Its ONNX nodes in eval mode (core/onnx.ts); absent: a design holding it is not exported to ONNX. */
  onnx?: OnnxLowering<L>;
  /** One parameter change of a layer reading an h×w image that makes its output side `side`. */
  fitSide?(layer: L, h: number, w: number, side: number): { param: string; value: number } | null;
  /** The same layer with its widths divided by `factor` (narrow copies of presets for fast tests). */
  narrow?(layer: L, factor: number): L;
  /** Random, mostly plausible and sometimes absurd, parameters for the fuzzer. */
  fuzz?(layer: L, random: FuzzRandom): L;
}

/** Identity that checks a definition against its layer type. */
export function defineLayer<L extends LayerBase>(definition: LayerDefinition<L>): LayerDefinition<L> {
  return definition;
}
