// A strict ZIP reader: the archive is hostile until proved otherwise. The whole directory is checked
// before a single byte is inflated: entry count, names (length, UTF-8, no path tricks), methods (stored or
// deflate), every offset and size against the file, local and central headers agreeing, no repeated or
// overlapping entries (overlap is how the worst deflate bombs multiply), and the unpacked size of each
// entry and of all together. fflate then inflates each entry as a stream that stops at the size its
// header promised, and every entry's CRC-32 must match its bytes.
import { Inflate } from 'fflate';
import { crc32 } from '../export/zip';

export interface ZipFile {
  name: string;
  data: Uint8Array;
}

export type ZipRead = { ok: true; files: ZipFile[] } | { ok: false; error: string };

export interface ZipReadOptions {
  /** Largest number of entries accepted (folders and skipped entries included). */
  maxEntries: number;
  /** Longest entry name accepted, in bytes. */
  maxNameBytes: number;
  /** Largest unpacked size of one entry; default 64 MiB. */
  maxEntryBytes?: number;
  /** Largest unpacked size of all entries read; default 64 MiB. */
  maxTotalBytes?: number;
  /** Entries checked but neither unpacked nor returned (e.g. macOS's `__MACOSX/` metadata). */
  skip?: (name: string) => boolean;
}

const MIB = 1024 * 1024;
const END_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const END_RECORD = 22;
const CENTRAL_HEADER = 46;
const LOCAL_HEADER = 30;
const MAX_COMMENT = 0xffff;
const STORED = 0;
const DEFLATED = 8;
// Flag bits that change how the bytes must be read: encryption (0), strong encryption (6), an encrypted
// directory (13). Bit 3 (sizes in a data descriptor after the data) is fine: the directory has them.
const ENCRYPTED = (1 << 0) | (1 << 6) | (1 << 13);
const DATA_DESCRIPTOR = 1 << 3;
// Compressed bytes fed to the inflater at a time: deflate expands at most ~1032×, so one step of a bomb
// allocates at most ~16 MiB before the size check stops it.
const INFLATE_CHUNK = 16 * 1024;

interface Entry {
  name: string;
  method: number;
  crc: number;
  size: number;
  dataStart: number;
  dataEnd: number;
  headerStart: number;
  skipped: boolean;
}

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

/** Why a name could write outside the folder it is unpacked into (or is not a plain path), or null. */
function unsafePath(name: string): string | null {
  if (name.includes('\\')) return 'uses backslashes';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'is an absolute path';
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'holds control characters';
  if (name.split('/').some((part) => part === '..' || part === '.')) return 'climbs out of its folder';
  return null;
}

const megabytes = (n: number) => `${(n / MIB).toFixed(1)} MB`;

/** Reads every entry of a ZIP archive (stored or deflated), or says exactly what is wrong with it. */
export function readZip(bytes: Uint8Array, options: ZipReadOptions): ZipRead {
  const fail = (error: string): ZipRead => ({ ok: false, error });
  const maxEntryBytes = options.maxEntryBytes ?? 64 * MIB;
  const maxTotalBytes = options.maxTotalBytes ?? 64 * MIB;
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
  if (count === 0xffff || centralStart === 0xffffffff)
    return fail('the ZIP archive uses ZIP64 extensions, which are not supported');
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
  const entries: Entry[] = [];
  let total = 0;
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
    const unsafe = unsafePath(name);
    if (unsafe) return fail(`entry ${i + 1}'s name "${name.slice(0, 60)}" ${unsafe}`);
    if (entries.some((e) => e.name === name)) return fail(`the ZIP archive holds "${name}" twice`);
    const entry = readEntry(bytes, view, at, name, centralStart);
    if (typeof entry === 'string') return fail(entry);
    entry.skipped = name.endsWith('/') || (options.skip?.(name) ?? false);
    if (name.endsWith('/') && entry.size !== 0) return fail(`the folder entry "${name}" holds data`);
    if (!entry.skipped) {
      if (entry.size > maxEntryBytes)
        return fail(
          `"${name.slice(0, 60)}" unpacks to ${megabytes(entry.size)}, more than the ${megabytes(maxEntryBytes)} allowed`,
        );
      total += entry.size;
      if (total > maxTotalBytes)
        return fail(
          `the ZIP archive unpacks to more than the ${megabytes(maxTotalBytes)} allowed (at "${name.slice(0, 60)}")`,
        );
    }
    entries.push(entry);
    at = next;
  }
  if (at !== end) return fail('the ZIP archive is damaged (its directory size does not match its entries)');
  const spans = [...entries].sort((a, b) => a.headerStart - b.headerStart);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].headerStart < spans[i - 1].dataEnd)
      return fail(`entries "${spans[i - 1].name}" and "${spans[i].name}" overlap in the ZIP archive`);
  }

  // Only now, with every size known to be within bounds, is anything unpacked.
  const files: ZipFile[] = [];
  for (const entry of entries) {
    if (entry.skipped) continue;
    const where = `"${entry.name.slice(0, 60)}"`;
    const packed = bytes.subarray(entry.dataStart, entry.dataEnd);
    const data = entry.method === STORED ? packed : inflateExactly(packed, entry.size);
    if (typeof data === 'string') return fail(`${where} is damaged (${data})`);
    if (crc32(data) !== entry.crc)
      return fail(`${where} is damaged (its CRC-32 does not match its contents)`);
    files.push({ name: entry.name, data });
  }
  return { ok: true, files };
}

/** One entry from its central header at `at`, checked against its local header; nothing is unpacked. */
function readEntry(
  bytes: Uint8Array,
  view: DataView,
  at: number,
  name: string,
  centralStart: number,
): Entry | string {
  const where = `"${name.slice(0, 60)}"`;
  const flags = view.getUint16(at + 8, true);
  const method = view.getUint16(at + 10, true);
  const crc = view.getUint32(at + 16, true);
  const compressed = view.getUint32(at + 20, true);
  const size = view.getUint32(at + 24, true);
  const local = view.getUint32(at + 42, true);
  if (flags & ENCRYPTED) return `${where} is encrypted, which project files never are`;
  if (method !== STORED && method !== DEFLATED)
    return `${where} is compressed with method ${method}; only stored (0) and deflated (8) entries can be read`;
  if (method === STORED && compressed !== size)
    return `${where} claims ${size} bytes unpacked but ${compressed} bytes stored; a stored entry must be the same size`;
  if (local + LOCAL_HEADER > centralStart || view.getUint32(local, true) !== LOCAL_SIGNATURE)
    return `${where}: its local header is missing or outside the archive`;
  // The local header repeats flags, method, time and date, CRC, both sizes and the name length; with a
  // data descriptor, streaming writers leave the CRC and either size 0 there.
  const same = (from: number, length: number) =>
    bytes
      .subarray(local + 6 + from, local + 6 + from + length)
      .every((b, k) => b === bytes[at + 8 + from + k]);
  const deferred = (from: number) =>
    (flags & DATA_DESCRIPTOR) !== 0 && view.getUint32(local + 6 + from, true) === 0;
  if (!same(0, 8) || [8, 12, 16].some((f) => !same(f, 4) && !deferred(f)) || !same(20, 2))
    return `${where}: its local header disagrees with the archive's directory`;
  const nameLength = view.getUint16(local + 26, true);
  const dataStart = local + LOCAL_HEADER + nameLength + view.getUint16(local + 28, true);
  const dataEnd = dataStart + compressed;
  if (dataEnd > centralStart)
    return method === STORED
      ? `${where} claims ${size} bytes, more than the archive holds before its directory`
      : `${where} claims ${compressed} compressed bytes, more than the archive holds before its directory`;
  const nameBytes = bytes.subarray(local + LOCAL_HEADER, local + LOCAL_HEADER + nameLength);
  if (new TextDecoder().decode(nameBytes) !== name) return `${where}: its local header names another file`;
  return { name, method, crc, size, dataStart, dataEnd, headerStart: local, skipped: false };
}

/** Inflates `packed` into exactly `size` bytes, stopping as soon as it would give more; or says why not. */
function inflateExactly(packed: Uint8Array, size: number): Uint8Array | string {
  const out = new Uint8Array(size);
  let written = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    if (over || written + chunk.length > size) {
      over = true;
      return;
    }
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    for (let at = 0; at < packed.length && !over; at += INFLATE_CHUNK) {
      inflater.push(packed.subarray(at, at + INFLATE_CHUNK), at + INFLATE_CHUNK >= packed.length);
    }
    if (packed.length === 0) inflater.push(packed, true);
  } catch (error) {
    return `its deflate data is invalid: ${error instanceof Error ? error.message : String(error)}`;
  }
  if (over) return `it unpacks to more than the ${size} bytes its header says`;
  if (written !== size) return `it unpacks to ${written} bytes, not the ${size} its header says`;
  return out;
}
