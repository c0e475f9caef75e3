import { describe, expect, it } from 'vitest';
import { halfToFloat, readSafetensors, writeSafetensors } from './safetensors';

/** A safetensors file from a raw header text and data bytes, as a hostile writer could make it. */
function rawFile(header: string | object, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const json = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

function errorOf(bytes: Uint8Array, options = {}): string {
  const result = readSafetensors(bytes, options);
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

describe('writeSafetensors / readSafetensors', () => {
  it('round-trips tensors, order and metadata exactly', () => {
    const a = Float32Array.from({ length: 6 }, (_, i) => Math.sin(i + 1) * 1e3);
    const b = new Float32Array([-0, Infinity, 1e-40, -3.5]);
    const bytes = writeSafetensors(
      [
        { name: 'conv1.weight', shape: [1, 2, 3], data: a },
        { name: 'fc1.bias', shape: [4], data: b },
        { name: 'empty', shape: [0, 3], data: new Float32Array(0) },
      ],
      { format: 'pt' },
    );
    const result = readSafetensors(bytes);
    if (!result.ok) throw new Error(result.error);
    expect([...result.tensors.keys()]).toEqual(['conv1.weight', 'fc1.bias', 'empty']);
    expect(result.tensors.get('conv1.weight')).toEqual({ shape: [1, 2, 3], data: a });
    expect(Object.is(result.tensors.get('fc1.bias')!.data[0], -0)).toBe(true);
    expect(result.tensors.get('fc1.bias')!.data).toEqual(b);
    expect(result.metadata).toEqual({ format: 'pt' });
  });

  it('pads the header with spaces to a multiple of 8 and writes little-endian F32', () => {
    const bytes = writeSafetensors([{ name: 'x', shape: [2], data: new Float32Array([1, -2]) }]);
    const view = new DataView(bytes.buffer);
    const n = view.getUint32(0, true);
    expect(view.getUint32(4, true)).toBe(0);
    expect(n % 8).toBe(0);
    const header = new TextDecoder().decode(bytes.subarray(8, 8 + n));
    expect(header).toBe('{"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]}}'.padEnd(n, ' '));
    expect(view.getFloat32(8 + n, true)).toBe(1);
    expect(view.getFloat32(12 + n, true)).toBe(-2);
    expect(bytes.length).toBe(8 + n + 8);
  });

  it('refuses to write a shape that does not match the data, or a reserved name', () => {
    expect(() => writeSafetensors([{ name: 'w', shape: [2, 2], data: new Float32Array(3) }])).toThrow(
      'tensor "w": shape [2,2] needs 4 values, got 3',
    );
    expect(() => writeSafetensors([{ name: '__proto__', shape: [1], data: new Float32Array(1) }])).toThrow(
      'reserved',
    );
  });

  it('widens F16 (normal, subnormal, inf, nan) and BF16 to f32', () => {
    const halves = [0x3c00, 0xc000, 0x0001, 0x7bff, 0x7c00, 0xfc00, 0x3555, 0x8000];
    const data = new Uint8Array(halves.length * 2 + 3 * 2);
    const view = new DataView(data.buffer);
    halves.forEach((h, i) => view.setUint16(2 * i, h, true));
    // bf16 of 1.0, -2.5 and pi (0x4049 is the top half of 3.140625).
    [0x3f80, 0xc020, 0x4049].forEach((h, i) => view.setUint16(16 + 2 * i, h, true));
    const bytes = rawFile(
      {
        h: { dtype: 'F16', shape: [8], data_offsets: [0, 16] },
        b: { dtype: 'BF16', shape: [3, 1], data_offsets: [16, 22] },
      },
      data,
    );
    const result = readSafetensors(bytes);
    if (!result.ok) throw new Error(result.error);
    expect([...result.tensors.get('h')!.data]).toEqual([
      1,
      -2,
      2 ** -24,
      65504,
      Infinity,
      -Infinity,
      Math.fround(0.333251953125),
      -0,
    ]);
    expect([...result.tensors.get('b')!.data]).toEqual([1, -2.5, 3.140625]);
    expect(result.tensors.get('b')!.shape).toEqual([3, 1]);
    expect(halfToFloat(0x7e00)).toBeNaN();
  });

  it('reads tensors at unaligned offsets', () => {
    const data = new Uint8Array(10);
    new DataView(data.buffer).setFloat32(2, 7.25, true);
    new DataView(data.buffer).setFloat32(6, -1, true);
    const result = readSafetensors(rawFile({ x: { dtype: 'F32', shape: [2], data_offsets: [2, 10] } }, data));
    if (!result.ok) throw new Error(result.error);
    expect([...result.tensors.get('x')!.data]).toEqual([7.25, -1]);
  });

  it('skips ignored tensors of any dtype but still checks their offsets', () => {
    const header = {
      'bn1.num_batches_tracked': { dtype: 'I64', shape: [], data_offsets: [0, 8] },
      'bn1.weight': { dtype: 'F32', shape: [1], data_offsets: [8, 12] },
    };
    const ignore = (name: string) => name.endsWith('.num_batches_tracked');
    const result = readSafetensors(rawFile(header, new Uint8Array(12)), { ignore });
    expect(result.ok && [...result.tensors.keys()]).toEqual(['bn1.weight']);
    expect(errorOf(rawFile(header, new Uint8Array(12)))).toBe(
      'tensor "bn1.num_batches_tracked" has dtype I64; only F32, F16 and BF16 can be loaded',
    );
    expect(errorOf(rawFile(header, new Uint8Array(10)), { ignore })).toContain('fall outside');
  });
});

describe('readSafetensors refuses hostile files with a message naming the problem', () => {
  const f32 = (shape: number[], offsets: unknown) => ({ dtype: 'F32', shape, data_offsets: offsets });
  const cases: [string, () => Uint8Array, string][] = [
    ['too short', () => new Uint8Array(5), 'too short'],
    [
      'a header over 1 MB',
      () => rawFile(`{"a":"${'x'.repeat(2 * 1024 * 1024)}"}`),
      'the header is 2.0 MB; the limit is 1.0 MB',
    ],
    [
      'a 64-bit header length',
      () => {
        const b = new Uint8Array(16);
        new DataView(b.buffer).setUint32(4, 1, true);
        return b;
      },
      'announce a 4294967296-byte header but only 8 bytes follow',
    ],
    [
      'a PNG',
      () => Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      'this is not a safetensors file, or it is cut short',
    ],
    [
      'a header longer than the file',
      () => rawFile('{}').subarray(0, 9),
      'announce a 2-byte header but only 1 bytes follow',
    ],
    ['a header that is not a JSON object', () => rawFile('[1,2]'), "its header does not start with '{'"],
    [
      'a deeply nested header',
      () => rawFile(`{"w":${'['.repeat(300_000)}${']'.repeat(300_000)}}`),
      'tensor "w": expected {dtype, shape, data_offsets}',
    ],
    ['malformed JSON', () => rawFile('{"a": {'), 'the header is not valid JSON'],
    ['invalid UTF-8', () => rawFile('{}  ').fill(0xff, 9), 'the header is not valid JSON'],
    ['__proto__', () => rawFile('{"__proto__": {"dtype": "F32"}}'), 'forbidden key "__proto__"'],
    ['constructor', () => rawFile({ constructor: f32([0], [0, 0]) }), 'forbidden key "constructor"'],
    ['a metadata __proto__', () => rawFile('{"__metadata__": {"__proto__": "x"}}'), 'forbidden key'],
    ['non-string metadata', () => rawFile({ __metadata__: { a: 1 } }), '__metadata__ "a" must be a string'],
    ['an entry that is not an object', () => rawFile({ w: [1, 2] }), 'tensor "w": expected {dtype, shape'],
    ['a nested shape', () => rawFile({ w: f32([[[1]]] as never, [0, 4]) }), 'tensor "w": shape must be'],
    ['a fractional dimension', () => rawFile({ w: f32([1.5], [0, 4]) }), 'tensor "w": shape must be'],
    ['a negative dimension', () => rawFile({ w: f32([-1], [0, 4]) }), 'tensor "w": shape must be'],
    ['rank 9', () => rawFile({ w: f32(Array(9).fill(1), [0, 4]) }), 'at most 8'],
    [
      'a huge shape',
      () => rawFile({ 'conv1.weight': f32([1e9, 1, 5, 5], [0, 4]) }),
      'tensor "conv1.weight": shape [1000000000,1,5,5] has 25000000000 elements; the limit is 67108864',
    ],
    ['offsets that are not a pair', () => rawFile({ w: f32([1], [0]) }), 'data_offsets must be two'],
    [
      'offsets past the end',
      () => rawFile({ w: f32([2], [0, 8]) }, new Uint8Array(4)),
      'tensor "w": data_offsets [0, 8] fall outside the 4-byte data section',
    ],
    ['reversed offsets', () => rawFile({ w: f32([0], [4, 0]) }, new Uint8Array(4)), 'fall outside'],
    [
      'offsets that do not match the shape',
      () => rawFile({ 'fc1.bias': f32([3], [0, 8]) }, new Uint8Array(12)),
      'tensor "fc1.bias": shape [3] as F32 needs 12 bytes, data_offsets give 8',
    ],
    [
      'overlapping tensors',
      () => rawFile({ a: f32([2], [0, 8]), b: f32([2], [4, 12]) }, new Uint8Array(12)),
      'tensors "a" and "b" overlap in the data section',
    ],
    [
      'an unsupported dtype',
      () => rawFile({ 'fc1.weight': { dtype: 'F64', shape: [1], data_offsets: [0, 8] } }, new Uint8Array(8)),
      'tensor "fc1.weight" has dtype F64; only F32, F16 and BF16 can be loaded',
    ],
  ];
  for (const [what, make, message] of cases) {
    it(`refuses ${what}`, () => expect(errorOf(make())).toContain(message));
  }

  it('gives exact sizes where rounding would show a size equal to its limit', () => {
    expect(errorOf(rawFile(`{"a":"${'x'.repeat(1024 * 1024)}"}`))).toBe(
      'the header is 1,048,584 bytes; the limit is 1,048,576 bytes',
    );
    expect(errorOf(new Uint8Array(64 * 1024 * 1024 + 1))).toBe(
      'the file is 67,108,865 bytes; the limit is 67,108,864 bytes',
    );
  });

  it('refuses a tensor name that appears twice in the header (JSON.parse would keep only the last)', () => {
    const entry = '{"dtype":"F32","shape":[1],"data_offsets":[0,4]}';
    const second = '{"dtype":"F32","shape":[1],"data_offsets":[4,8]}';
    expect(errorOf(rawFile(`{"fc1.bias":${entry},"fc1.bias":${second}}`, new Uint8Array(8)))).toBe(
      'the header names the tensor "fc1.bias" twice',
    );
    // The same name written with an escape is the same name.
    expect(errorOf(rawFile(`{"a":${entry},"\\u0061":${second}}`, new Uint8Array(8)))).toBe(
      'the header names the tensor "a" twice',
    );
    expect(errorOf(rawFile(`{"__metadata__":{"k":"v"},"__metadata__":{"k":"w"}}`))).toBe(
      'the header names the tensor "__metadata__" twice',
    );
    // Keys repeated only at different depths are no repetition.
    const nested = `{"dtype":{"dtype":1},"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}`;
    expect(readSafetensors(rawFile(nested, new Uint8Array(4))).ok).toBe(false);
    expect(errorOf(rawFile(nested, new Uint8Array(4)))).not.toContain('twice');
  });

  it('refuses a file over the size limit before reading it', () => {
    expect(errorOf(new Uint8Array(100 * 1024 * 1024))).toBe('the file is 100.0 MB; the limit is 64.0 MB');
    expect(errorOf(new Uint8Array(300), { maxBytes: 200 })).toBe(
      'the file is 300 bytes; the limit is 200 bytes',
    );
  });

  it('never modifies Object.prototype', () => {
    readSafetensors(rawFile('{"__proto__": {"polluted": true}}'));
    readSafetensors(rawFile('{"__metadata__": {"__proto__": "x"}, "w": {"__proto__": {"polluted": 1}}}'));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
