// A strict ZIP reader: the archive is hostile until proved otherwise. The whole directory is checked
// before a single byte is inflated: entry count, names (length, UTF-8, no path tricks), methods (stored or
// deflate), every offset and size against the file, local and central headers agreeing, no repeated or
// overlapping entries (overlap is how the worst deflate bombs multiply), and the unpacked size of each
// entry and of all together. fflate then inflates each entry as a stream that stops at the size its
// header promised, and every entry's CRC-32 must match its bytes.
import { Inflate } from 'fflate';
import { tr, type MessageParams } from '../../i18n';
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

/** A message of the `network:zip` catalogue. */
const says = (key: string, params: MessageParams = {}) => tr(`network:zip.${key}`, params);

/** Why a name could write outside the folder it is unpacked into (or is not a plain path), or null. */
function unsafePath(name: string): string | null {
  if (name.includes('\\')) return says('backslashes');
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return says('absolute');
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f]/.test(name)) return says('controlCharacters');
  if (name.split('/').some((part) => part === '..' || part === '.')) return says('climbsOut');
  return null;
}

const megabytes = (n: number) => says('megabytes', { value: (n / MIB).toFixed(1) });
/** An entry's name as messages quote it. */
const shown = (name: string) => name.slice(0, 60);

/** Reads every entry of a ZIP archive (stored or deflated), or says exactly what is wrong with it. */
export function readZip(bytes: Uint8Array, options: ZipReadOptions): ZipRead {
  const fail = (error: string): ZipRead => ({ ok: false, error });
  const maxEntryBytes = options.maxEntryBytes ?? 64 * MIB;
  const maxTotalBytes = options.maxTotalBytes ?? 64 * MIB;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const first = bytes.length < END_RECORD ? 0 : view.getUint32(0, true);
  // An archive opens with its first entry, or (when empty) with the end record itself.
  if (first !== LOCAL_SIGNATURE && first !== END_SIGNATURE) return fail(says('notZip'));
  const end = findEnd(view);
  if (end < 0) return fail(says('noEnd'));
  const count = view.getUint16(end + 10, true);
  const centralSize = view.getUint32(end + 12, true);
  const centralStart = view.getUint32(end + 16, true);
  if (count === 0xffff || centralStart === 0xffffffff) return fail(says('zip64'));
  if (
    view.getUint16(end + 4, true) !== 0 ||
    view.getUint16(end + 6, true) !== 0 ||
    view.getUint16(end + 8, true) !== count
  )
    return fail(says('disks'));
  if (count > options.maxEntries) return fail(says('tooMany', { files: count, max: options.maxEntries }));
  if (centralStart + centralSize !== end) return fail(says('directoryMisplaced'));

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const entries: Entry[] = [];
  let total = 0;
  let at = centralStart;
  for (let i = 0; i < count; i++) {
    if (at + CENTRAL_HEADER > end || view.getUint32(at, true) !== CENTRAL_SIGNATURE)
      return fail(says('directoryDamaged', { entry: i + 1 }));
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const next = at + CENTRAL_HEADER + nameLength + extraLength + commentLength;
    if (next > end) return fail(says('directoryDamaged', { entry: i + 1 }));
    if (nameLength === 0 || nameLength > options.maxNameBytes)
      return fail(says('nameLength', { entry: i + 1, bytes: nameLength, max: options.maxNameBytes }));
    let name: string;
    try {
      name = decoder.decode(bytes.subarray(at + CENTRAL_HEADER, at + CENTRAL_HEADER + nameLength));
    } catch {
      return fail(says('nameNotUtf8', { entry: i + 1 }));
    }
    const unsafe = unsafePath(name);
    if (unsafe) return fail(says('unsafeName', { entry: i + 1, name: shown(name), why: unsafe }));
    if (entries.some((e) => e.name === name)) return fail(says('twice', { name: shown(name) }));
    const entry = readEntry(bytes, view, at, name, centralStart);
    if (typeof entry === 'string') return fail(entry);
    entry.skipped = name.endsWith('/') || (options.skip?.(name) ?? false);
    if (name.endsWith('/') && entry.size !== 0) return fail(says('folderHoldsData', { name: shown(name) }));
    if (!entry.skipped) {
      if (entry.size > maxEntryBytes)
        return fail(
          says('entryTooLarge', {
            name: shown(name),
            size: megabytes(entry.size),
            max: megabytes(maxEntryBytes),
          }),
        );
      total += entry.size;
      if (total > maxTotalBytes)
        return fail(says('totalTooLarge', { max: megabytes(maxTotalBytes), name: shown(name) }));
    }
    entries.push(entry);
    at = next;
  }
  if (at !== end) return fail(says('sizeMismatch'));
  const spans = [...entries].sort((a, b) => a.headerStart - b.headerStart);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i].headerStart < spans[i - 1].dataEnd)
      return fail(says('overlap', { first: shown(spans[i - 1].name), second: shown(spans[i].name) }));
  }

  // Only now, with every size known to be within bounds, is anything unpacked.
  const files: ZipFile[] = [];
  for (const entry of entries) {
    if (entry.skipped) continue;
    const name = shown(entry.name);
    const packed = bytes.subarray(entry.dataStart, entry.dataEnd);
    const data = entry.method === STORED ? packed : inflateExactly(packed, entry.size);
    if (typeof data === 'string') return fail(says('damaged', { name, why: data }));
    if (crc32(data) !== entry.crc) return fail(says('damaged', { name, why: says('crc') }));
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
  const quoted = { name: shown(name) };
  const flags = view.getUint16(at + 8, true);
  const method = view.getUint16(at + 10, true);
  const crc = view.getUint32(at + 16, true);
  const compressed = view.getUint32(at + 20, true);
  const size = view.getUint32(at + 24, true);
  const local = view.getUint32(at + 42, true);
  if (flags & ENCRYPTED) return says('encrypted', quoted);
  if (method !== STORED && method !== DEFLATED) return says('method', { ...quoted, method });
  if (method === STORED && compressed !== size) return says('storedSize', { ...quoted, size, compressed });
  if (local + LOCAL_HEADER > centralStart || view.getUint32(local, true) !== LOCAL_SIGNATURE)
    return says('localMissing', quoted);
  // The local header repeats flags, method, time and date, CRC, both sizes and the name length; with a
  // data descriptor, streaming writers leave the CRC and either size 0 there.
  const same = (from: number, length: number) =>
    bytes
      .subarray(local + 6 + from, local + 6 + from + length)
      .every((b, k) => b === bytes[at + 8 + from + k]);
  const deferred = (from: number) =>
    (flags & DATA_DESCRIPTOR) !== 0 && view.getUint32(local + 6 + from, true) === 0;
  if (!same(0, 8) || [8, 12, 16].some((f) => !same(f, 4) && !deferred(f)) || !same(20, 2))
    return says('localDisagrees', quoted);
  const nameLength = view.getUint16(local + 26, true);
  const dataStart = local + LOCAL_HEADER + nameLength + view.getUint16(local + 28, true);
  const dataEnd = dataStart + compressed;
  if (dataEnd > centralStart)
    return method === STORED
      ? says('beyondStored', { ...quoted, size })
      : says('beyondCompressed', { ...quoted, compressed });
  const nameBytes = bytes.subarray(local + LOCAL_HEADER, local + LOCAL_HEADER + nameLength);
  if (new TextDecoder().decode(nameBytes) !== name) return says('localOtherName', quoted);
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
    return says('deflateInvalid', { message: error instanceof Error ? error.message : String(error) });
  }
  if (over) return says('inflatesOver', { size });
  if (written !== size) return says('inflatesShort', { written, size });
  return out;
}
