// A strict reader for the store-only ZIPs that zipStore writes. The archive is hostile until proved
// otherwise: every offset and size is checked against the file before use, entries must be stored (no
// compression, so no decompression bomb), local and central headers must agree, entries may not overlap,
// and each entry's CRC-32 must match its bytes.
import { crc32 } from '../export/zip';

export interface ZipFile {
  name: string;
  data: Uint8Array;
}

export type ZipRead = { ok: true; files: ZipFile[] } | { ok: false; error: string };

export interface ZipReadOptions {
  /** Largest number of entries accepted. */
  maxEntries: number;
  /** Longest entry name accepted, in bytes. */
  maxNameBytes: number;
}

const END_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const END_RECORD = 22;
const CENTRAL_HEADER = 46;
const LOCAL_HEADER = 30;
const MAX_COMMENT = 0xffff;
// Flag bits that change how the bytes must be read: encryption (0), data descriptor (3), strong encryption (6).
const UNSUPPORTED_FLAGS = (1 << 0) | (1 << 3) | (1 << 6);

/** The end-of-central-directory record: searched backwards over the largest possible comment. */
function findEnd(view: DataView): number {
  const last = view.byteLength - END_RECORD;
  for (let at = last; at >= 0 && at >= last - MAX_COMMENT; at--) {
    if (
      view.getUint32(at, true) === END_SIGNATURE &&
      at + END_RECORD + view.getUint16(at + 20, true) === view.byteLength
    )
      return at;
  }
  return -1;
}

/** Reads every entry of a stored ZIP, or says exactly what is wrong with it. */
export function readStoredZip(bytes: Uint8Array, options: ZipReadOptions): ZipRead {
  const fail = (error: string): ZipRead => ({ ok: false, error });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const first = bytes.length < END_RECORD ? 0 : view.getUint32(0, true);
  // An archive opens with its first entry, or (when empty) with the end record itself.
  if (first !== LOCAL_SIGNATURE && first !== END_SIGNATURE)
    return fail('it is not a ZIP archive (it does not start with a ZIP file header)');
  const end = findEnd(view);
  if (end < 0) return fail('the ZIP archive is cut short or damaged (no end-of-directory record)');
  const count = view.getUint16(end + 10, true);
  const centralSize = view.getUint32(end + 12, true);
  const centralStart = view.getUint32(end + 16, true);
  if (
    view.getUint16(end + 4, true) !== 0 ||
    view.getUint16(end + 6, true) !== 0 ||
    view.getUint16(end + 8, true) !== count
  )
    return fail('the ZIP archive spans several disks, which is not supported');
  if (count > options.maxEntries)
    return fail(`the ZIP archive holds ${count} files; a project holds at most ${options.maxEntries}`);
  if (centralStart + centralSize !== end)
    return fail('the ZIP archive is damaged (its directory is not where the end record says)');

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const files: ZipFile[] = [];
  const spans: { name: string; start: number; end: number }[] = [];
  let at = centralStart;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_HEADER > end || view.getUint32(at, true) !== CENTRAL_SIGNATURE)
      return fail(`the ZIP archive's directory is damaged at entry ${i + 1}`);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const next = at + CENTRAL_HEADER + nameLength + extraLength + commentLength;
    if (next > end) return fail(`the ZIP archive's directory is damaged at entry ${i + 1}`);
    if (nameLength === 0 || nameLength > options.maxNameBytes)
      return fail(
        `entry ${i + 1} has a name of ${nameLength} bytes; names are 1 to ${options.maxNameBytes} bytes`,
      );
    let name: string;
    try {
      name = decoder.decode(bytes.subarray(at + CENTRAL_HEADER, at + CENTRAL_HEADER + nameLength));
    } catch {
      return fail(`entry ${i + 1}'s name is not valid UTF-8 text`);
    }
    const entry = readEntry(bytes, view, at, name, centralStart);
    if (typeof entry === 'string') return fail(entry);
    if (files.some((f) => f.name === name)) return fail(`the ZIP archive holds "${name}" twice`);
    files.push({ name, data: entry.data });
    spans.push({ name, start: entry.headerStart, end: entry.dataEnd });
    at = next;
  }
  if (at !== end) return fail('the ZIP archive is damaged (its directory size does not match its entries)');
  spans.sort((a, b) => a.start - b.start);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].start < spans[i - 1].end)
      return fail(`entries "${spans[i - 1].name}" and "${spans[i].name}" overlap in the ZIP archive`);
  }
  return { ok: true, files };
}

/** One entry from its central header at `at`: checked against its local header and its CRC. */
function readEntry(
  bytes: Uint8Array,
  view: DataView,
  at: number,
  name: string,
  centralStart: number,
): { data: Uint8Array; headerStart: number; dataEnd: number } | string {
  const where = `"${name.slice(0, 60)}"`;
  const flags = view.getUint16(at + 8, true);
  const method = view.getUint16(at + 10, true);
  const crc = view.getUint32(at + 16, true);
  const compressed = view.getUint32(at + 20, true);
  const size = view.getUint32(at + 24, true);
  const local = view.getUint32(at + 42, true);
  if (flags & UNSUPPORTED_FLAGS) return `${where} is encrypted or streamed, which project files never are`;
  if (method !== 0)
    return `${where} is compressed (method ${method}); project files store their entries uncompressed`;
  if (compressed !== size)
    return `${where} claims ${size} bytes unpacked but ${compressed} bytes stored; a stored entry must be the same size`;
  if (local + LOCAL_HEADER > centralStart || view.getUint32(local, true) !== LOCAL_SIGNATURE)
    return `${where}: its local header is missing or outside the archive`;
  // The local header repeats flags, method, time, date, CRC, sizes and name length.
  for (let k = 0; k < 22; k++) {
    if (bytes[local + 6 + k] !== bytes[at + 8 + k])
      return `${where}: its local header disagrees with the archive's directory`;
  }
  const dataStart =
    local + LOCAL_HEADER + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const dataEnd = dataStart + size;
  if (dataEnd > centralStart)
    return `${where} claims ${size} bytes, more than the archive holds before its directory`;
  const nameBytes = bytes.subarray(
    local + LOCAL_HEADER,
    local + LOCAL_HEADER + view.getUint16(local + 26, true),
  );
  if (new TextDecoder().decode(nameBytes) !== name) return `${where}: its local header names another file`;
  const data = bytes.subarray(dataStart, dataEnd);
  if (crc32(data) !== crc) return `${where} is damaged (its CRC-32 does not match its contents)`;
  return { data, headerStart: local, dataEnd };
}
