import { describe, expect, it } from 'vitest';
import { unzip } from './testing/unzip';
import { crc32, zipStore } from './zip';

describe('crc32', () => {
  it('matches the standard check values', () => {
    const ascii = (s: string) => new TextEncoder().encode(s);
    expect(crc32(ascii('123456789'))).toBe(0xcbf43926);
    expect(crc32(ascii('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(new Uint8Array(32))).toBe(0x190a55ad);
  });
});

describe('zipStore', () => {
  it('stores every file byte for byte with its CRC, in order', () => {
    const big = Uint8Array.from({ length: 70_001 }, (_, i) => (i * 2654435761) >>> 24);
    const entries = [
      { name: 'model.py', data: new TextEncoder().encode('import torch\n') },
      { name: 'empty.txt', data: new Uint8Array(0) },
      { name: 'weights.safetensors', data: big },
    ];
    const files = unzip(zipStore(entries));
    expect(files.map((f) => f.name)).toEqual(['model.py', 'empty.txt', 'weights.safetensors']);
    files.forEach((f, i) => {
      expect(f.data).toEqual(entries[i].data);
      expect(f.crc).toBe(crc32(entries[i].data));
    });
  });

  it('writes the modification time as MS-DOS date and time words, reproducibly by default', () => {
    const entries = [{ name: 'a', data: new Uint8Array([1]) }];
    const [file] = unzip(zipStore(entries, new Date(Date.UTC(2026, 10, 25, 9, 30, 42))));
    expect(file.date).toBe(((2026 - 1980) << 9) | (11 << 5) | 25);
    expect(file.time).toBe((9 << 11) | (30 << 5) | 21);
    expect(zipStore(entries)).toEqual(zipStore(entries));
    expect(unzip(zipStore(entries))[0].date).toBe((1 << 5) | 1);
  });

  it('makes a valid empty archive', () => {
    expect(unzip(zipStore([]))).toEqual([]);
  });
});
