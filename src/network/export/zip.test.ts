import { describe, expect, it } from 'vitest';
import { crc32, zipStore } from './zip';

interface Unzipped {
  name: string;
  data: Uint8Array;
  crc: number;
  time: number;
  date: number;
}

/** Reads a stored ZIP the way unzip does: from the end record through the central directory. */
function unzip(bytes: Uint8Array): Unzipped[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  expect(view.getUint32(end, true)).toBe(0x06054b50);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  expect(at + view.getUint32(end + 12, true)).toBe(end);
  const decoder = new TextDecoder();
  const files: Unzipped[] = [];
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    expect(view.getUint16(at + 10, true)).toBe(0); // stored
    const size = view.getUint32(at + 20, true);
    expect(view.getUint32(at + 24, true)).toBe(size);
    const nameLength = view.getUint16(at + 28, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const local = view.getUint32(at + 42, true);
    expect(view.getUint32(local, true)).toBe(0x04034b50);
    // The local header repeats the central one's fields from "version needed" to the name.
    expect(bytes.subarray(local + 4, local + 30)).toEqual(bytes.subarray(at + 6, at + 32));
    const start = local + 30 + view.getUint16(local + 26, true);
    files.push({
      name,
      data: bytes.subarray(start, start + size),
      crc: view.getUint32(at + 16, true),
      time: view.getUint16(at + 12, true),
      date: view.getUint16(at + 14, true),
    });
    at += 46 + nameLength;
  }
  return files;
}

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
