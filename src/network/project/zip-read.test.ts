import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n';
import { crc32, writeZip } from '../export/zip';
import { readZip, type ZipReadOptions } from './zip-read';

const text = (s: string) => new TextEncoder().encode(s);
const OPTIONS: ZipReadOptions = { maxEntries: 4, maxNameBytes: 64 };
const two = () =>
  writeZip([
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
  const read = readZip(bytes, options);
  if (read.ok) throw new Error('expected a refusal');
  return read.error;
}

describe('readZip', () => {
  it('reads back every entry writeZip wrote, stored or deflated, byte for byte', () => {
    const entries = [
      { name: 'project.json', data: text('{"a": 1}'.repeat(100)) },
      { name: 'empty', data: new Uint8Array(0) },
      { name: 'w', data: Uint8Array.from({ length: 70_001 }, (_, i) => (i * 7) & 255) },
    ];
    for (const deflate of [false, true]) {
      const read = readZip(writeZip(entries.map((e) => ({ ...e, deflate }))), OPTIONS);
      if (!read.ok) throw new Error(read.error);
      expect(read.files).toEqual(entries);
    }
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

  it('refuses other compression methods, encrypted entries and deflate data that is not', () => {
    const bzip2 = two();
    const b = layout(bzip2);
    b.view.setUint16(8, 12, true);
    b.view.setUint16(b.central + 10, 12, true);
    expect(errorOf(bzip2)).toBe(
      '"project.json" is compressed with method 12; only stored (0) and deflated (8) entries can be read',
    );
    const encrypted = two();
    const e = layout(encrypted);
    e.view.setUint16(e.central + 8, 1, true);
    expect(errorOf(encrypted)).toBe('"project.json" is encrypted, which is not supported');
    // Stored JSON relabelled as deflated: the inflater finds no valid deflate block in it.
    const relabelled = two();
    const r = layout(relabelled);
    r.view.setUint16(8, 8, true);
    r.view.setUint16(r.central + 10, 8, true);
    expect(errorOf(relabelled)).toMatch(/^"project.json" is damaged \(/);
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
    const renamed = writeZip([
      { name: 'a.bin', data },
      { name: 'b.bin', data },
    ]);
    const r = layout(renamed);
    r.view.setUint32(r.central + 46 + 5 + 42, 0, true); // b.bin's local header := a.bin's
    expect(errorOf(renamed)).toBe('"b.bin": its local header names another file');

    // a.bin's bytes hold a complete local entry for b.bin, and the directory points b.bin into them.
    const inner = writeZip([{ name: 'b.bin', data }]).subarray(0, 30 + 5 + data.length);
    const overlap = writeZip([
      { name: 'a.bin', data: inner },
      { name: 'b.bin', data },
    ]);
    const o = layout(overlap);
    o.view.setUint32(o.central + 46 + 5 + 42, 30 + 5, true);
    expect(errorOf(overlap)).toBe('entries "a.bin" and "b.bin" overlap in the ZIP archive');

    // The writer refuses to repeat a name, so "y" is renamed "x" in both of its headers.
    const twice = writeZip([
      { name: 'x', data },
      { name: 'y', data },
    ]);
    const t = layout(twice);
    twice[30 + 1 + data.length + 30] = 0x78;
    twice[t.central + 46 + 1 + 46] = 0x78;
    expect(errorOf(twice)).toBe('the ZIP archive holds "x" twice');

    const many = writeZip(Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, data })));
    expect(errorOf(many)).toBe('the ZIP archive holds 5 files; at most 4 can be read');
    expect(errorOf(writeZip([{ name: 'n'.repeat(65), data }]))).toBe(
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

  it('refuses a deflate bomb by its unpacked size before inflating, and one whose header lies while inflating', () => {
    const zeros = new Uint8Array(4 * 1024 * 1024);
    const bomb = writeZip([{ name: 'zeros.bin', data: zeros, deflate: true }]);
    expect(bomb.length).toBeLessThan(10_000);
    const small = { ...OPTIONS, maxEntryBytes: 1024 * 1024 };
    expect(errorOf(bomb, small)).toBe('"zeros.bin" unpacks to 4.0 MB, more than the 1.0 MB allowed');
    const three = writeZip(['a', 'b', 'c'].map((name) => ({ name, data: zeros, deflate: true })));
    expect(errorOf(three, { ...OPTIONS, maxTotalBytes: 10 * 1024 * 1024 })).toBe(
      'the ZIP archive unpacks to more than the 10.0 MB allowed (at "c")',
    );
    // A header that claims 1000 bytes: inflating stops there instead of unpacking 4 MB.
    const lying = bomb.slice();
    const { view, central } = layout(lying);
    view.setUint32(22, 1000, true);
    view.setUint32(central + 24, 1000, true);
    expect(errorOf(lying, small)).toBe(
      '"zeros.bin" is damaged (it unpacks to more than the 1000 bytes its header says)',
    );
  });

  it('refuses names that climb out of their folder or are not plain paths', () => {
    const data = text('x');
    for (const [name, why] of [
      ['../evil.py', 'climbs out of its folder'],
      ['a/../../evil.py', 'climbs out of its folder'],
      ['/etc/passwd', 'is an absolute path'],
      ['C:/evil.py', 'is an absolute path'],
      ['a\\evil.py', 'uses backslashes'],
      ['a\u0000b', 'holds control characters'],
    ]) {
      expect(errorOf(writeZip([{ name, data }]))).toBe(`entry 1's name "${name}" ${why}`);
    }
  });

  it('reads entries whose sizes follow in a data descriptor, skips folders and entries asked to', () => {
    const data = text('{"a": 1}');
    const bytes = writeZip([
      { name: 'p/', data: new Uint8Array(0) },
      { name: 'p/project.json', data, deflate: true },
      { name: '__MACOSX/._project.json', data: text('resource fork') },
    ]);
    // As streaming writers do: flag bit 3 set in both headers, the local CRC and sizes zeroed.
    const view = new DataView(bytes.buffer);
    const local = 30 + 2;
    const central = view.getUint32(bytes.length - 22 + 16, true) + 46 + 2;
    view.setUint16(local + 6, 8, true);
    view.setUint16(central + 8, 8, true);
    bytes.fill(0, local + 14, local + 26);
    const read = readZip(bytes, { ...OPTIONS, skip: (name) => name.startsWith('__MACOSX/') });
    if (!read.ok) throw new Error(read.error);
    expect(read.files).toEqual([{ name: 'p/project.json', data }]);
  });

  describe("in the page's language", () => {
    afterEach(() => setLanguage('en'));

    it('says what is wrong in Chinese, the entry named as written', async () => {
      await setLanguage('zh-CN');
      expect(errorOf(text('not a zip at all, just text'))).toBe('它不是 ZIP 压缩包（开头没有 ZIP 文件头）');
      const bytes = two();
      const { view, central } = layout(bytes);
      view.setUint16(central + 8, 1, true);
      expect(errorOf(bytes)).toBe('“project.json”已加密，暂不支持');
    });
  });
});
