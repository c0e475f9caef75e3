// A store-only ZIP writer (APPNOTE 6.3.x): local headers + raw bytes, then the central directory.
// Our files are small and mostly float noise, so deflate would buy little; storing keeps this tiny.

export interface ZipEntry {
  /** Path inside the archive, '/'-separated, ASCII. */
  readonly name: string;
  readonly data: Uint8Array;
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

/** MS-DOS time and date words: 2-second resolution, years from 1980. */
function dosDateTime(d: Date): { time: number; date: number } {
  const year = Math.min(Math.max(d.getUTCFullYear(), 1980), 2107);
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

const LOCAL_HEADER = 30;
const CENTRAL_HEADER = 46;
const END_RECORD = 22;

/** One .zip holding the entries uncompressed; `modified` defaults to 1980-01-01 so output is reproducible. */
export function zipStore(
  entries: readonly ZipEntry[],
  modified = new Date(Date.UTC(1980, 0, 1)),
): Uint8Array {
  const encoder = new TextEncoder();
  const names = entries.map((e) => encoder.encode(e.name));
  const { time, date } = dosDateTime(modified);
  const dataBytes = entries.reduce((sum, e, i) => sum + LOCAL_HEADER + names[i].length + e.data.length, 0);
  const centralBytes = names.reduce((sum, n) => sum + CENTRAL_HEADER + n.length, 0);
  if (entries.length > 0xffff || dataBytes + centralBytes > 0xffffffff) {
    throw new Error('the archive is too large for a ZIP without ZIP64 extensions');
  }
  const out = new Uint8Array(dataBytes + centralBytes + END_RECORD);
  const view = new DataView(out.buffer);
  const offsets: number[] = [];
  const crcs = entries.map((e) => crc32(e.data));
  let at = 0;

  // Fields shared by local and central headers, from "version needed" on.
  const common = (p: number, i: number) => {
    view.setUint16(p, 10, true); // version needed: 1.0, stored
    view.setUint16(p + 2, 0, true); // flags
    view.setUint16(p + 4, 0, true); // method: stored
    view.setUint16(p + 6, time, true);
    view.setUint16(p + 8, date, true);
    view.setUint32(p + 10, crcs[i], true);
    view.setUint32(p + 14, entries[i].data.length, true); // compressed size
    view.setUint32(p + 18, entries[i].data.length, true); // uncompressed size
    view.setUint16(p + 22, names[i].length, true);
    view.setUint16(p + 24, 0, true); // extra field length
  };

  entries.forEach((entry, i) => {
    offsets.push(at);
    view.setUint32(at, 0x04034b50, true);
    common(at + 4, i);
    out.set(names[i], at + LOCAL_HEADER);
    out.set(entry.data, at + LOCAL_HEADER + names[i].length);
    at += LOCAL_HEADER + names[i].length + entry.data.length;
  });

  const centralStart = at;
  entries.forEach((_, i) => {
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, 20, true); // version made by: 2.0, MS-DOS attributes
    common(at + 6, i);
    // comment length, disk number, internal and external attributes stay 0.
    view.setUint32(at + 42, offsets[i], true);
    out.set(names[i], at + CENTRAL_HEADER);
    at += CENTRAL_HEADER + names[i].length;
  });

  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, entries.length, true);
  view.setUint16(at + 10, entries.length, true);
  view.setUint32(at + 12, at - centralStart, true);
  view.setUint32(at + 16, centralStart, true);
  return out;
}
