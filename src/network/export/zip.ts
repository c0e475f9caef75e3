// ZIP archives written with fflate: text entries deflated, the rest stored. `crc32` is kept here because
// fflate computes CRCs only inside its writers, and the reader (../project/zip-read.ts) must check them.
import { zipSync, type Zippable } from 'fflate';

export interface ZipEntry {
  /** Path inside the archive, '/'-separated, ASCII. */
  readonly name: string;
  readonly data: Uint8Array;
  /** Deflate this entry (text compresses well); stored otherwise (float tensors barely shrink). */
  readonly deflate?: boolean;
}

const CRC_TABLE = makeCrcTable();

function makeCrcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), as ZIP and gzip use. */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** ZIP stores local wall-clock time from 1980 to 2107; fflate writes up to 2099 and throws outside. */
function zipTime(d: Date): Date {
  if (d.getFullYear() < 1980) return new Date(1980, 0, 1);
  if (d.getFullYear() > 2099) return new Date(2099, 11, 31, 23, 59, 58);
  return d;
}

/**
 * One .zip holding the entries in order. `modified` is the files' local time, as ZIP tools read it; the
 * default, 1980-01-01, makes the same entries give the same bytes.
 */
export function writeZip(entries: readonly ZipEntry[], modified = new Date(1980, 0, 1)): Uint8Array {
  const files: Zippable = {};
  const mtime = zipTime(modified);
  for (const entry of entries) {
    if (Object.hasOwn(files, entry.name)) throw new Error(`the archive would hold "${entry.name}" twice`);
    // fflate copies the files into a plain object, where "__proto__" is no key and index-like names
    // are reordered; no name of ours is either.
    if (entry.name === '__proto__' || /^\d+$/.test(entry.name))
      throw new Error(`"${entry.name}" cannot name a file in the archive`);
    files[entry.name] = [entry.data, { level: entry.deflate ? 6 : 0, mtime }];
  }
  return zipSync(files);
}
