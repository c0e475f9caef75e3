// The ONNX graph being written: nodes in order, initialisers, and unique value names. Each layer lowers
// itself through an OnnxContext made here; values are named after its module (conv1, gn1/Reshape), so a
// viewer such as Netron shows the same names as model.py.
import type { OnnxAttribute, OnnxAttributes, OnnxContext } from '../../../layers/core/onnx';
import type { Shape } from '../../spec';
import type { ProtoMessage } from './proto';

// TensorProto.DataType and AttributeProto.AttributeType numbers from onnx.proto.
const DATA_TYPE = { float: 1, int64: 7 } as const;
const ATTRIBUTE_TYPE = { float: 1, int: 2, string: 3, ints: 7 } as const;

/** Little-endian IEEE 754 floats, as raw_data must hold them. */
function floatBytes(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(4 * i, values[i], true);
  return bytes;
}

function attributeProto(name: string, attribute: OnnxAttribute): ProtoMessage {
  const type = ATTRIBUTE_TYPE[attribute.type];
  switch (attribute.type) {
    case 'float':
      return { name, type, f: attribute.value };
    case 'int':
      return { name, type, i: attribute.value };
    case 'ints':
      return { name, type, ints: [...attribute.value] };
    case 'string':
      return { name, type, s: new TextEncoder().encode(attribute.value) };
  }
}

/** A float tensor's value info with a named batch dimension: [N, ...shape]. */
export function valueInfo(name: string, shape: Shape): ProtoMessage {
  const dim = [{ dim_param: 'N' }, ...shape.map((d) => ({ dim_value: d }))];
  return { name, type: { tensor_type: { elem_type: DATA_TYPE.float, shape: { dim } } } };
}

const sizeOf = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);

/** A state_dict tensor: its key (conv1.weight) names the initialiser. */
export interface LayerTensor {
  key: string;
  shape: readonly number[];
  data: Float32Array;
}

export interface LayerValues {
  /** The module name (conv1): the layer's values and constants are named from it. */
  module: string;
  inputs: string[];
  output: string;
  inputShapes: Shape[];
  outputShape: Shape;
  /** The layer's state_dict tensors by role (weight, bias, running_mean, ...). */
  tensors: ReadonlyMap<string, LayerTensor>;
}

export class OnnxGraph {
  readonly nodes: ProtoMessage[] = [];
  readonly initializers: ProtoMessage[] = [];
  private readonly names = new Set<string>(['input', 'output']);

  /** `base`, or `base_2`, `base_3`, ... if taken. */
  private fresh(base: string): string {
    let name = base;
    for (let n = 2; this.names.has(name); n++) name = `${base}_${n}`;
    this.names.add(name);
    return name;
  }

  private initializer(name: string, dims: readonly number[], data: ProtoMessage): string {
    this.initializers.push({ name, dims: [...dims], ...data });
    return name;
  }

  /** The context a layer lowers itself through; its output value must be written by one of its nodes. */
  context(values: LayerValues): OnnxContext {
    const { module } = values;
    const used = new Map<string, string>();
    const context: OnnxContext = {
      inputs: values.inputs,
      output: values.output,
      inputShapes: values.inputShapes,
      outputShape: values.outputShape,
      tensor: (role, dims) => {
        const tensor = values.tensors.get(role);
        if (!tensor) throw new Error(`${module} has no tensor "${role}"`);
        const shape = dims ?? tensor.shape;
        if (sizeOf(shape) !== tensor.data.length)
          throw new Error(`${tensor.key} holds ${tensor.data.length} values, not [${shape.join(', ')}]`);
        const existing = used.get(role);
        if (existing) return existing;
        this.names.add(tensor.key);
        const raw_data = floatBytes(tensor.data);
        used.set(role, this.initializer(tensor.key, shape, { data_type: DATA_TYPE.float, raw_data }));
        return tensor.key;
      },
      floats: (label, dims, data) => {
        if (sizeOf(dims) !== data.length) throw new Error(`${module}/${label}: ${data.length} values`);
        const name = this.fresh(`${module}/${label}`);
        return this.initializer(name, dims, { data_type: DATA_TYPE.float, raw_data: floatBytes(data) });
      },
      int64s: (label, data) =>
        this.initializer(this.fresh(`${module}/${label}`), [data.length], {
          data_type: DATA_TYPE.int64,
          int64_data: [...data],
        }),
      node: (op, inputs, attributes: OnnxAttributes = {}, output) => {
        const result = output ?? this.fresh(`${module}/${op}`);
        if (output) this.names.add(output);
        this.nodes.push({
          input: [...inputs],
          output: [result],
          name: output ? module : result,
          op_type: op,
          attribute: Object.entries(attributes).map(([name, a]) => attributeProto(name, a)),
        });
        return result;
      },
    };
    return context;
  }
}
