import { describe, expect, it } from 'vitest';
import { unzip } from './testing/unzip';
import { crc32, writeZip } from './zip';

describe('crc32', () => {
  it('matches the standard check values', () => {
    const ascii = (s: string) => new TextEncoder().encode(s);
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
    expect(crc32(ascii('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(new Uint8Array(32))).toBe(0x190a55ad);
  });
});

describe('writeZip', () => {
  const big = Uint8Array.from({ length: 70_001 }, (_, i) => (i * 2654435761) >>> 24);
  const script = new TextEncoder().encode('import torch\n'.repeat(500));

  it('stores or deflates every file as asked, byte for byte with its CRC, in order', () => {
    const entries = [
      { name: 'model.py', data: script, deflate: true },
      { name: 'empty.txt', data: new Uint8Array(0), deflate: true },
      { name: 'weights.safetensors', data: big },
    ];
    const bytes = writeZip(entries);
    const files = unzip(bytes);
    expect(files.map((f) => f.name)).toEqual(['model.py', 'empty.txt', 'weights.safetensors']);
    expect(files.map((f) => f.method)).toEqual([8, 8, 0]);
    files.forEach((f, i) => {
      expect(f.data).toEqual(entries[i].data);
      expect(f.crc).toBe(crc32(entries[i].data));
    });
    // 500 repeated lines deflate to a few dozen bytes.
    expect(bytes.length).toBeLessThan(big.length + 500);
  });

  it('writes the modification time as MS-DOS local date and time words, reproducibly by default', () => {
    const entries = [{ name: 'a', data: new Uint8Array([1]) }];
    const [file] = unzip(writeZip(entries, new Date(2026, 10, 25, 9, 30, 42)));
    expect(file.date).toBe(((2026 - 1980) << 9) | (11 << 5) | 25);
    expect(file.time).toBe((9 << 11) | (30 << 5) | 21);
    expect(writeZip(entries)).toEqual(writeZip(entries));
    expect(unzip(writeZip(entries))[0].date).toBe((1 << 5) | 1);
    // ZIP cannot date files before 1980; earlier clocks are written as 1980-01-01.
    expect(unzip(writeZip(entries, new Date(1970, 0, 1)))[0].date).toBe((1 << 5) | 1);
  });

  it('makes a valid empty archive', () => {
    expect(unzip(writeZip([]))).toEqual([]);
  });

  it('refuses a repeated name or one the object of files would reorder', () => {
    const data = new Uint8Array(1);
    expect(() =>
      writeZip([
        { name: 'x', data },
        { name: 'x', data },
      ]),
    ).toThrow('the archive would hold "x" twice');
    expect(() => writeZip([{ name: '__proto__', data }])).toThrow('"__proto__" cannot name a file');
    expect(() => writeZip([{ name: '12', data }])).toThrow('"12" cannot name a file in the archive');
  });
});
