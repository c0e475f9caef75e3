// ONNX messages encoded by protobufjs from onnx-descriptor.ts, protobufjs's JSON descriptor of the part of
// ONNX's onnx.proto (github.com/onnx/onnx, IR version 8) an exported model uses: field names and numbers
// are the specification's, so any ONNX reader parses the file. protobufjs's own Type.encode compiles an
// encoder with `Function`, which the app's Content-Security-Policy refuses (no 'unsafe-eval'), so messages
// are written here by walking the reflected types with protobufjs's Writer: every tag, wire type and
// packing comes from the descriptor, every byte from the Writer. A test checks the bytes against
// protobufjs's compiled encoder.
import protobuf from 'protobufjs/light.js';
import { ONNX_DESCRIPTOR } from './onnx-descriptor';

const root = protobuf.Root.fromJSON(ONNX_DESCRIPTOR).resolveAll();

/** A message as plain data: fields by their onnx.proto names (snake_case), nested messages as objects. */
export type ProtoMessage = { [field: string]: unknown };

/** The reflected ONNX message type `name` ('ModelProto', 'TensorProto', ...). */
export function onnxType(name: string): protobuf.Type {
  return root.lookupType(`onnx.${name}`);
}

/** One scalar in the Writer method of its protobuf type (int64 takes numbers; bytes a Uint8Array). */
function writeScalar(writer: protobuf.Writer, scalar: string, value: unknown): void {
  const method = writer[scalar as keyof protobuf.Writer] as (v: unknown) => protobuf.Writer;
  method.call(writer, value);
}

// A tag is the field number and the wire type (the low 3 bits): protobuf's encoding, as protobufjs writes it.
const tag = (field: protobuf.Field, wireType: number) => ((field.id << 3) | wireType) >>> 0;
const LENGTH_DELIMITED = 2;

function writeField(writer: protobuf.Writer, field: protobuf.Field, value: unknown): void {
  const type = field.resolvedType;
  if (type instanceof protobuf.Type) {
    writer.uint32(tag(field, LENGTH_DELIMITED)).fork();
    writeMessage(writer, type, value as ProtoMessage);
    writer.ldelim();
    return;
  }
  const scalar = type instanceof protobuf.Enum ? 'int32' : field.type;
  writer.uint32(tag(field, protobuf.types.basic[scalar as keyof typeof protobuf.types.basic]));
  writeScalar(writer, scalar, value);
}

function writeMessage(writer: protobuf.Writer, type: protobuf.Type, message: ProtoMessage): void {
  for (const name of Object.keys(message)) {
    if (!type.fields[name]) throw new Error(`onnx.${type.name} has no field "${name}"`);
  }
  // Fields in number order, as protobuf serialisers write them.
  for (const field of [...type.fieldsArray].sort((a, b) => a.id - b.id)) {
    const value = message[field.name];
    if (value === undefined || value === null) continue;
    if (!field.repeated) {
      writeField(writer, field, value);
      continue;
    }
    const items = value as readonly unknown[];
    if (items.length === 0) continue;
    const packable = protobuf.types.packed[field.type as keyof typeof protobuf.types.packed] !== undefined;
    if (field.packed && packable) {
      writer.uint32(tag(field, LENGTH_DELIMITED)).fork();
      for (const item of items) writeScalar(writer, field.type, item);
      writer.ldelim();
    } else {
      for (const item of items) writeField(writer, field, item);
    }
  }
}

/** The bytes of an ONNX message of type `name`. */
export function encodeOnnx(name: string, message: ProtoMessage): Uint8Array {
  const writer = protobuf.Writer.create();
  writeMessage(writer, onnxType(name), message);
  return writer.finish();
}
