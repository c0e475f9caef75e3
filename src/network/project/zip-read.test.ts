import { describe, expect, it } from 'vitest';
import { crc32, zipStore } from '../export/zip';
import { readStoredZip } from './zip-read';

const text = (s: string) => new TextEncoder().encode(s);
const OPTIONS = { maxEntries: 4, maxNameBytes: 64 };
const two = () =>
  zipStore([
    { name: 'project.json', data: text('{"a": 1}') },
    { name: 'weights.safetensors', data: Uint8Array.from({ length: 1001 }, (_, i) => i % 251) },
  ]);

/** Offsets of the first central header and of the first entry's data, for surgery on valid archives. */
function layout(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.length - 22;
  const central = view.getUint32(end + 16, true);
  return { view, end, central, firstData: 30 + view.getUint16(26, true) };
}

function errorOf(bytes: Uint8Array, options = OPTIONS): string {
  const read = readStoredZip(bytes, options);
  if (read.ok) throw new Error('expected a refusal');
  return read.error;
}

describe('readStoredZip', () => {
  it('reads back every entry zipStore wrote, byte for byte', () => {
    const entries = [
      { name: 'project.json', data: text('{"a": 1}') },
      { name: 'empty', data: new Uint8Array(0) },
      { name: 'w', data: Uint8Array.from({ length: 70_001 }, (_, i) => (i * 7) & 255) },
    ];
    const read = readStoredZip(zipStore(entries), OPTIONS);
    expect(read.ok).toBe(true);
    if (read.ok) expect(read.files).toEqual(entries);
  });

  it('refuses other file types and truncated archives', () => {
    expect(errorOf(text('{"version": 1, "layers": []}'))).toBe(
      'it is not a ZIP archive (it does not start with a ZIP file header)',
    );
    expect(errorOf(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toMatch(/not a ZIP/);
    expect(errorOf(two().subarray(0, 600))).toBe(
      'the ZIP archive is cut short or damaged (no end-of-directory record)',
    );
  });

  it('refuses an entry whose sizes lie (a bomb-like size or stored ≠ unpacked)', () => {
    const lie = two();
    const { view, central } = layout(lie);
    for (const at of [18, 22]) view.setUint32(at, 0xfffffff0, true); // local sizes
    for (const at of [central + 20, central + 24]) view.setUint32(at, 0xfffffff0, true);
    expect(errorOf(lie)).toBe(
      '"project.json" claims 4294967280 bytes, more than the archive holds before its directory',
    );
    const mixed = two();
    const m = layout(mixed);
    m.view.setUint32(22, 1 << 30, true);
    m.view.setUint32(m.central + 24, 1 << 30, true);
    expect(errorOf(mixed)).toBe(
      '"project.json" claims 1073741824 bytes unpacked but 8 bytes stored; a stored entry must be the same size',
    );
  });

  it('refuses compressed, encrypted and streamed entries', () => {
    const deflated = two();
    const d = layout(deflated);
    d.view.setUint16(8, 8, true);
    d.view.setUint16(d.central + 10, 8, true);
    expect(errorOf(deflated)).toBe(
      '"project.json" is compressed (method 8); project files store their entries uncompressed',
    );
    const encrypted = two();
    const e = layout(encrypted);
    e.view.setUint16(e.central + 8, 1, true);
    expect(errorOf(encrypted)).toMatch(/"project.json" is encrypted or streamed/);
  });

  it('refuses a damaged entry by its CRC-32', () => {
    const bytes = two();
    bytes[layout(bytes).firstData + 2] ^= 0x20;
    expect(errorOf(bytes)).toBe('"project.json" is damaged (its CRC-32 does not match its contents)');
  });

  it('refuses headers that disagree, overlapping entries, repeated names and too many entries', () => {
    const disagree = two();
    const a = layout(disagree);
    a.view.setUint32(14, crc32(text('other')), true); // local CRC only
    expect(errorOf(disagree)).toBe(
      '"project.json": its local header disagrees with the archive\'s directory',
    );

    const data = text('same bytes');
    const renamed = zipStore([
      { name: 'a.bin', data },
      { name: 'b.bin', data },
    ]);
    const r = layout(renamed);
    r.view.setUint32(r.central + 46 + 5 + 42, 0, true); // b.bin's local header := a.bin's
    expect(errorOf(renamed)).toBe('"b.bin": its local header names another file');

    // a.bin's bytes hold a complete local entry for b.bin, and the directory points b.bin into them.
    const inner = zipStore([{ name: 'b.bin', data }]).subarray(0, 30 + 5 + data.length);
    const overlap = zipStore([
      { name: 'a.bin', data: inner },
      { name: 'b.bin', data },
    ]);
    const o = layout(overlap);
    o.view.setUint32(o.central + 46 + 5 + 42, 30 + 5, true);
    expect(errorOf(overlap)).toBe('entries "a.bin" and "b.bin" overlap in the ZIP archive');

    const twice = zipStore([
      { name: 'x', data },
      { name: 'x', data },
    ]);
    expect(errorOf(twice)).toBe('the ZIP archive holds "x" twice');

    const many = zipStore(Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, data })));
    expect(errorOf(many)).toBe('the ZIP archive holds 5 files; a project holds at most 4');
    expect(errorOf(zipStore([{ name: 'n'.repeat(65), data }]))).toBe(
      'entry 1 has a name of 65 bytes; names are 1 to 64 bytes',
    );
  });

  it('refuses an end record that points outside the archive', () => {
    const bytes = two();
    const { view, end } = layout(bytes);
    view.setUint32(end + 16, bytes.length * 2, true);
    expect(errorOf(bytes)).toBe(
      'the ZIP archive is damaged (its directory is not where the end record says)',
    );
  });
});
