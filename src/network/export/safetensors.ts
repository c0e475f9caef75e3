// The safetensors format (https://huggingface.co/docs/safetensors): an 8-byte little-endian header
// length N, N bytes of JSON {name: {dtype, shape, data_offsets: [begin, end]}, "__metadata__"?: {..}},
// then the raw little-endian tensor bytes, offsets relative to the end of the header.
// The reader treats the file as hostile: every size, offset and key is checked before use.
import { sizeAndLimit } from '../sizes';

export interface NamedTensor {
  readonly name: string;
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export interface LoadedTensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

export type ReadResult =
  | { ok: true; tensors: Map<string, LoadedTensor>; metadata: Record<string, string> }
  | { ok: false; error: string };

export interface ReadOptions {
  /** Refuse a header longer than this many bytes (default 1 MB). */
  maxHeaderBytes?: number;
  /** Refuse a file longer than this many bytes (default 64 MB). */
  maxBytes?: number;
  /** Refuse a tensor with more elements than this (default 2^26, 256 MB as f32). */
  maxElements?: number;
  /** Tensors to skip without reading their data, e.g. PyTorch's int64 BatchNorm counters. */
  ignore?: (name: string) => boolean;
}

const MB = 1024 * 1024;
const DEFAULTS = { maxHeaderBytes: MB, maxBytes: 64 * MB, maxElements: 2 ** 26 };
const BYTES_PER: Record<string, number> = { F32: 4, F16: 2, BF16: 2 };
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAX_RANK = 8;
// Safetensors data is little-endian, as typed arrays are on every platform WebGPU runs on (WGSL buffers
// assume it too), so f32 tensors are copied as bytes.

/** Serialises f32 tensors in the given order; the header is padded with spaces to a multiple of 8. */
export function writeSafetensors(
  tensors: readonly NamedTensor[],
  metadata?: Record<string, string>,
): Uint8Array {
  const header: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  if (metadata && Object.keys(metadata).length > 0) header.__metadata__ = metadata;
  let offset = 0;
  for (const t of tensors) {
    if (FORBIDDEN_KEYS.has(t.name) || t.name === '__metadata__' || t.name in header) {
      throw new Error(`tensor name "${t.name}" is reserved or repeated`);
    }
    const count = t.shape.reduce((a, b) => a * b, 1);
    if (count !== t.data.length) {
      throw new Error(`tensor "${t.name}": shape [${t.shape}] needs ${count} values, got ${t.data.length}`);
    }
    header[t.name] = { dtype: 'F32', shape: [...t.shape], data_offsets: [offset, offset + count * 4] };
    offset += count * 4;
  }
  let json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 8) * 8;
  if (padded !== json.length) {
    const spaced = new Uint8Array(padded).fill(0x20);
    spaced.set(json);
    json = spaced;
  }
  const out = new Uint8Array(8 + json.length + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, json.length, true);
  out.set(json, 8);
  let at = 8 + json.length;
  for (const t of tensors) {
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), at);
    at += t.data.byteLength;
  }
  return out;
}

interface Entry {
  name: string;
  dtype: string;
  shape: number[];
  begin: number;
  end: number;
}

/** Parses a safetensors file into f32 tensors (F16 and BF16 are widened), or explains the refusal. */
export function readSafetensors(bytes: Uint8Array, options: ReadOptions = {}): ReadResult {
  const limits = { ...DEFAULTS, ...options };
  const fail = (error: string): ReadResult => ({ ok: false, error });
  if (bytes.length > limits.maxBytes) {
    const [size, limit] = sizeAndLimit(bytes.length, limits.maxBytes, formatBytes);
    return fail(`the file is ${size}; the limit is ${limit}`);
  }
  if (bytes.length < 8) return fail('the file is too short to be safetensors (no 8-byte header length)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(0, true) + view.getUint32(4, true) * 2 ** 32;
  // Another kind of file (a PNG, a .pt pickle, a JSON design) fails here: its first 8 bytes read as a
  // length far beyond the file, or the header does not open with '{'.
  if (8 + headerLength > bytes.length) {
    return fail(
      `this is not a safetensors file, or it is cut short: its first 8 bytes announce a ${headerLength}-byte ` +
        `header but only ${bytes.length - 8} bytes follow`,
    );
  }
  if (headerLength > limits.maxHeaderBytes) {
    const [size, limit] = sizeAndLimit(headerLength, limits.maxHeaderBytes, formatBytes);
    return fail(`the header is ${size}; the limit is ${limit}`);
  }
  if (bytes[8] !== 0x7b) return fail("this is not a safetensors file: its header does not start with '{'");
  let parsed: unknown;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength));
    parsed = JSON.parse(text);
  } catch (e) {
    return fail(`the header is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isPlainObject(parsed)) return fail('the header must be a JSON object of tensors');
  const repeated = repeatedTopLevelKey(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength)));
  if (repeated !== null) return fail(`the header names the tensor "${repeated.slice(0, 80)}" twice`);

  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  const entries: Entry[] = [];
  const metadata: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const name of Object.keys(parsed)) {
    if (FORBIDDEN_KEYS.has(name)) return fail(`the header uses the forbidden key "${name}"`);
    const value = parsed[name];
    if (name === '__metadata__') {
      const error = readMetadata(value, metadata);
      if (error) return fail(error);
      continue;
    }
    const entry = parseEntry(name, value, dataLength, limits.maxElements);
    if (typeof entry === 'string') return fail(entry);
    entries.push(entry);
  }

  const sorted = [...entries].sort((a, b) => a.begin - b.begin);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].begin < sorted[i - 1].end) {
      return fail(`tensors "${sorted[i - 1].name}" and "${sorted[i].name}" overlap in the data section`);
    }
  }

  const tensors = new Map<string, LoadedTensor>();
  for (const entry of entries) {
    if (limits.ignore?.(entry.name)) continue;
    if (!(entry.dtype in BYTES_PER)) {
      return fail(`tensor "${entry.name}" has dtype ${entry.dtype}; only F32, F16 and BF16 can be loaded`);
    }
    tensors.set(entry.name, { shape: entry.shape, data: decode(view, dataStart + entry.begin, entry) });
  }
  return { ok: true, tensors, metadata: { ...metadata } };
}

/**
 * The first key the top-level object of valid JSON `text` repeats, or null. JSON.parse keeps the last of
 * repeated keys without a word, so a file could show one reader a tensor and this one another.
 */
function repeatedTopLevelKey(text: string): string | null {
  const seen = new Set<string>();
  let depth = 0;
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      const start = i;
      for (i++; text[i] !== '"'; i++) if (text[i] === '\\') i++;
      if (depth === 1 && expectKey) {
        // Decoded, so "a" and "\u0061" are the same key.
        const key = JSON.parse(text.slice(start, i + 1)) as string;
        if (seen.has(key)) return key;
        seen.add(key);
      }
      expectKey = false;
    } else if (c === '{' || c === '[') {
      depth++;
      expectKey = depth === 1;
    } else if (c === '}' || c === ']') depth--;
    else if (c === ',') expectKey = depth === 1;
  }
  return null;
}

function parseEntry(name: string, value: unknown, dataLength: number, maxElements: number): Entry | string {
  const where = `tensor "${name}"`;
  if (!isPlainObject(value)) return `${where}: expected {dtype, shape, data_offsets}`;
  const { dtype, shape, data_offsets: offsets } = value;
  if (typeof dtype !== 'string' || dtype.length > 16) return `${where}: dtype must be a short string`;
  if (!Array.isArray(shape) || shape.length > MAX_RANK || !shape.every(isSize)) {
    return `${where}: shape must be a list of at most ${MAX_RANK} non-negative integers`;
  }
  let count = 1;
  for (const d of shape as number[]) count *= d;
  if (count > maxElements) {
    return `${where}: shape [${shape}] has ${count} elements; the limit is ${maxElements}`;
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isSize)) {
    return `${where}: data_offsets must be two non-negative integers`;
  }
  const [begin, end] = offsets as number[];
  if (begin > end || end > dataLength) {
    return `${where}: data_offsets [${begin}, ${end}] fall outside the ${dataLength}-byte data section`;
  }
  const itemSize = BYTES_PER[dtype];
  if (itemSize !== undefined && end - begin !== count * itemSize) {
    return `${where}: shape [${shape}] as ${dtype} needs ${count * itemSize} bytes, data_offsets give ${end - begin}`;
  }
  return { name, dtype, shape: [...(shape as number[])], begin, end };
}

function readMetadata(value: unknown, into: Record<string, string>): string | null {
  if (!isPlainObject(value)) return '__metadata__ must be an object of strings';
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return `__metadata__ uses the forbidden key "${key}"`;
    const v = value[key];
    if (typeof v !== 'string') return `__metadata__ "${key}" must be a string`;
    into[key] = v;
  }
  return null;
}

function decode(view: DataView, at: number, entry: Entry): Float32Array {
  const count = (entry.end - entry.begin) / BYTES_PER[entry.dtype];
  const out = new Float32Array(count);
  if (entry.dtype === 'F32') {
    // A byte copy also handles offsets that are not a multiple of 4.
    new Uint8Array(out.buffer).set(new Uint8Array(view.buffer, view.byteOffset + at, count * 4));
  } else if (entry.dtype === 'F16') {
    for (let i = 0; i < count; i++) out[i] = halfToFloat(view.getUint16(at + 2 * i, true));
  } else {
    // bfloat16 is the top half of an f32.
    const word = new DataView(new ArrayBuffer(4));
    for (let i = 0; i < count; i++) {
      word.setUint32(0, view.getUint16(at + 2 * i, true) << 16);
      out[i] = word.getFloat32(0);
    }
  }
  return out;
}

/** IEEE 754 binary16 to number: sign, 5-bit exponent (bias 15), 10-bit fraction. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * fraction * 2 ** -24;
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * (1 + fraction / 1024) * 2 ** (exponent - 15);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isSize(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function formatBytes(n: number): string {
  return n >= MB ? `${(n / MB).toFixed(1)} MB` : `${n} bytes`;
}
