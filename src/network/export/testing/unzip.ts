// Test-only: reads a ZIP the way unzip does, checking the structure as it goes; deflated entries are
// inflated by fflate's one-shot inflateSync, not by the app's reader.
import { inflateSync } from 'fflate';
import { expect } from 'vitest';

export interface Unzipped {
  name: string;
  data: Uint8Array;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  time: number;
  date: number;
}

/** Reads a ZIP the way unzip does: from the end record through the central directory. */
export function unzip(bytes: Uint8Array): Unzipped[] {
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
    const method = view.getUint16(at + 10, true);
    expect([0, 8]).toContain(method);
    const packed = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    if (method === 0) expect(packed).toBe(size);
    const nameLength = view.getUint16(at + 28, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const local = view.getUint32(at + 42, true);
    expect(view.getUint32(local, true)).toBe(0x04034b50);
    // The local header repeats the central one's fields from "version needed" to the name.
    expect(bytes.subarray(local + 4, local + 30)).toEqual(bytes.subarray(at + 6, at + 32));
    const start = local + 30 + view.getUint16(local + 26, true);
    const raw = bytes.subarray(start, start + packed);
    const data = method === 0 ? raw : inflateSync(raw);
    expect(data.length).toBe(size);
    files.push({
      name,
      data,
      method,
      crc: view.getUint32(at + 16, true),
      time: view.getUint16(at + 12, true),
      date: view.getUint16(at + 14, true),
    });
    at += 46 + nameLength;
  }
  return files;
}
