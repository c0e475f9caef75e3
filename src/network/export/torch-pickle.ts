// Recognising a PyTorch .pt / .pth file by its first bytes, so that its refusal can say what to do. The
// app never parses pickles (loading one can run code); the bundle's convert_pt.py turns them into safetensors.
import { CONVERTER_NAME } from './convert-code';

const ZIP_LOCAL_HEADER = [0x50, 0x4b, 0x03, 0x04];
// torch.save's legacy format opens with a pickled magic number: LONG1 of 10 bytes, 0x1950a86a20f9469cfc6c.
const LEGACY_MAGIC = [0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19];

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  prefix.every((b, i) => bytes[at + i] === b);

/**
 * True for what torch.save writes: a ZIP whose first entry is `<name>/data.pkl` (PyTorch 1.6 and later),
 * or a pickle (opcode PROTO, 0x80) whose first object is the legacy magic number.
 */
export function isTorchPickle(bytes: Uint8Array): boolean {
  if (startsWith(bytes, ZIP_LOCAL_HEADER) && bytes.length >= 30) {
    const nameLength = bytes[26] | (bytes[27] << 8);
    const name = new TextDecoder().decode(bytes.subarray(30, 30 + nameLength));
    return name.endsWith('/data.pkl');
  }
  if (bytes[0] !== 0x80) return false;
  // Protocol 4 and 5 put an 8-byte frame length (opcode FRAME, 0x95) before the first object.
  const first = bytes[2] === 0x95 ? 11 : 2;
  return startsWith(bytes, LEGACY_MAGIC, first);
}

export const TORCH_PICKLE_MESSAGE =
  'this is a PyTorch .pt checkpoint (a Python pickle), which the playground never opens because loading ' +
  `a pickle can run code: convert it with ${CONVERTER_NAME}, which every "Export to PyTorch (.zip)" holds ` +
  `(python3 ${CONVERTER_NAME} model.pt), and load the .safetensors file it writes`;
