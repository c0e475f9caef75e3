// The hand-walked encoder against protobufjs's own compiled one (allowed in Node, refused by the page's
// Content-Security-Policy): the same bytes for a model that uses every kind of field the export writes.
import { describe, expect, it } from 'vitest';
import { encodeOnnx, onnxType } from './proto';

const MODEL = {
  ir_version: 8,
  opset_import: [{ domain: '', version: 17 }],
  producer_name: 'CNN Playground',
  doc_string: 'a model with ünïcode',
  graph: {
    name: 'Net',
    node: [
      {
        input: ['input', 'fc.weight', ''],
        output: ['output'],
        name: 'fc',
        op_type: 'Gemm',
        attribute: [
          { name: 'transB', type: 2, i: 1 },
          { name: 'alpha', type: 1, f: 0.25 },
          { name: 'pads', type: 7, ints: [0, 1, -1, 2 ** 40] },
          { name: 'mode', type: 3, s: new TextEncoder().encode('linear') },
        ],
      },
    ],
    initializer: [
      { name: 'fc.weight', dims: [2, 3], data_type: 1, raw_data: new Uint8Array([1, 2, 3, 4, 5, 6]) },
      { name: 'shape', dims: [3], data_type: 7, int64_data: [-1, 0, 2 ** 33] },
    ],
    input: [
      {
        name: 'input',
        type: { tensor_type: { elem_type: 1, shape: { dim: [{ dim_param: 'N' }, { dim_value: 3 }] } } },
      },
    ],
  },
  metadata_props: [{ key: 'task', value: 'classification' }],
};

describe('ONNX protobuf encoding', () => {
  it('writes the bytes protobufjs’s compiled encoder writes', () => {
    const type = onnxType('ModelProto');
    const compiled = type.encode(type.fromObject(MODEL)).finish();
    expect(encodeOnnx('ModelProto', MODEL)).toEqual(compiled);
  });

  it('reads back as the same message', () => {
    const type = onnxType('ModelProto');
    const decoded = type.toObject(type.decode(encodeOnnx('ModelProto', MODEL)), {
      longs: Number,
      bytes: Array,
    });
    expect(decoded.graph.initializer[1].int64_data).toEqual([-1, 0, 2 ** 33]);
    expect(decoded.graph.node[0].attribute[2].ints).toEqual([0, 1, -1, 2 ** 40]);
    expect(decoded.graph.input[0].type.tensor_type.shape.dim[0].dim_param).toBe('N');
    expect(decoded.doc_string).toBe(MODEL.doc_string);
  });

  it('refuses a field onnx.proto does not have, naming it', () => {
    expect(() => encodeOnnx('NodeProto', { op_type: 'Relu', opType: 'Relu' })).toThrow(
      'onnx.NodeProto has no field "opType"',
    );
  });
});
