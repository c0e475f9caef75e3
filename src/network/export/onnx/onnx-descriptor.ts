// protobufjs's JSON descriptor of the part of ONNX's onnx.proto (github.com/onnx/onnx, IR version 8) that an
// exported model uses: a model, its graph of nodes with attributes, float and int64 tensors, and typed
// inputs and outputs. Names and numbers are the specification's, so any ONNX reader parses the file;
// messages and fields the export never writes are left out. Produced once from the .proto text by
// protobufjs's parse(...).root.toJSON() and kept as data, so the page ships no .proto parser.
export const ONNX_DESCRIPTOR = {
  nested: {
    onnx: {
      nested: {
        AttributeProto: {
          edition: 'proto2',
          fields: {
            name: {
              type: 'string',
              id: 1,
            },
            doc_string: {
              type: 'string',
              id: 13,
            },
            type: {
              type: 'AttributeType',
              id: 20,
            },
            f: {
              type: 'float',
              id: 2,
            },
            i: {
              type: 'int64',
              id: 3,
            },
            s: {
              type: 'bytes',
              id: 4,
            },
            t: {
              type: 'TensorProto',
              id: 5,
            },
            floats: {
              rule: 'repeated',
              type: 'float',
              id: 7,
            },
            ints: {
              rule: 'repeated',
              type: 'int64',
              id: 8,
            },
            strings: {
              rule: 'repeated',
              type: 'bytes',
              id: 9,
            },
          },
          nested: {
            AttributeType: {
              values: {
                UNDEFINED: 0,
                FLOAT: 1,
                INT: 2,
                STRING: 3,
                TENSOR: 4,
                GRAPH: 5,
                FLOATS: 6,
                INTS: 7,
                STRINGS: 8,
              },
            },
          },
        },
        ValueInfoProto: {
          edition: 'proto2',
          fields: {
            name: {
              type: 'string',
              id: 1,
            },
            type: {
              type: 'TypeProto',
              id: 2,
            },
            doc_string: {
              type: 'string',
              id: 3,
            },
          },
        },
        NodeProto: {
          edition: 'proto2',
          fields: {
            input: {
              rule: 'repeated',
              type: 'string',
              id: 1,
            },
            output: {
              rule: 'repeated',
              type: 'string',
              id: 2,
            },
            name: {
              type: 'string',
              id: 3,
            },
            op_type: {
              type: 'string',
              id: 4,
            },
            domain: {
              type: 'string',
              id: 7,
            },
            attribute: {
              rule: 'repeated',
              type: 'AttributeProto',
              id: 5,
            },
            doc_string: {
              type: 'string',
              id: 6,
            },
          },
        },
        ModelProto: {
          edition: 'proto2',
          fields: {
            ir_version: {
              type: 'int64',
              id: 1,
            },
            opset_import: {
              rule: 'repeated',
              type: 'OperatorSetIdProto',
              id: 8,
            },
            producer_name: {
              type: 'string',
              id: 2,
            },
            producer_version: {
              type: 'string',
              id: 3,
            },
            domain: {
              type: 'string',
              id: 4,
            },
            model_version: {
              type: 'int64',
              id: 5,
            },
            doc_string: {
              type: 'string',
              id: 6,
            },
            graph: {
              type: 'GraphProto',
              id: 7,
            },
            metadata_props: {
              rule: 'repeated',
              type: 'StringStringEntryProto',
              id: 14,
            },
          },
        },
        StringStringEntryProto: {
          edition: 'proto2',
          fields: {
            key: {
              type: 'string',
              id: 1,
            },
            value: {
              type: 'string',
              id: 2,
            },
          },
        },
        GraphProto: {
          edition: 'proto2',
          fields: {
            node: {
              rule: 'repeated',
              type: 'NodeProto',
              id: 1,
            },
            name: {
              type: 'string',
              id: 2,
            },
            initializer: {
              rule: 'repeated',
              type: 'TensorProto',
              id: 5,
            },
            doc_string: {
              type: 'string',
              id: 10,
            },
            input: {
              rule: 'repeated',
              type: 'ValueInfoProto',
              id: 11,
            },
            output: {
              rule: 'repeated',
              type: 'ValueInfoProto',
              id: 12,
            },
            value_info: {
              rule: 'repeated',
              type: 'ValueInfoProto',
              id: 13,
            },
          },
        },
        TensorProto: {
          edition: 'proto2',
          fields: {
            dims: {
              rule: 'repeated',
              type: 'int64',
              id: 1,
            },
            data_type: {
              type: 'int32',
              id: 2,
            },
            float_data: {
              rule: 'repeated',
              type: 'float',
              id: 4,
              options: {
                packed: true,
              },
            },
            int64_data: {
              rule: 'repeated',
              type: 'int64',
              id: 7,
              options: {
                packed: true,
              },
            },
            name: {
              type: 'string',
              id: 8,
            },
            doc_string: {
              type: 'string',
              id: 12,
            },
            raw_data: {
              type: 'bytes',
              id: 9,
            },
          },
          nested: {
            DataType: {
              values: {
                UNDEFINED: 0,
                FLOAT: 1,
                INT64: 7,
              },
            },
          },
        },
        TensorShapeProto: {
          edition: 'proto2',
          fields: {
            dim: {
              rule: 'repeated',
              type: 'Dimension',
              id: 1,
            },
          },
          nested: {
            Dimension: {
              oneofs: {
                value: {
                  oneof: ['dim_value', 'dim_param'],
                },
              },
              fields: {
                dim_value: {
                  type: 'int64',
                  id: 1,
                },
                dim_param: {
                  type: 'string',
                  id: 2,
                },
                denotation: {
                  type: 'string',
                  id: 3,
                },
              },
            },
          },
        },
        TypeProto: {
          edition: 'proto2',
          oneofs: {
            value: {
              oneof: ['tensor_type'],
            },
          },
          fields: {
            tensor_type: {
              type: 'Tensor',
              id: 1,
            },
            denotation: {
              type: 'string',
              id: 6,
            },
          },
          nested: {
            Tensor: {
              fields: {
                elem_type: {
                  type: 'int32',
                  id: 1,
                },
                shape: {
                  type: 'TensorShapeProto',
                  id: 2,
                },
              },
            },
          },
        },
        OperatorSetIdProto: {
          edition: 'proto2',
          fields: {
            domain: {
              type: 'string',
              id: 1,
            },
            version: {
              type: 'int64',
              id: 2,
            },
          },
        },
      },
    },
  },
};
