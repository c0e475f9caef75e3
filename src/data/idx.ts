// Incremental parser for IDX files (LeCun's MNIST format): a big-endian header, then raw uint8 records.
//   magic u32 = 0x0000 08 nd  (0x08 = unsigned byte, nd = number of dimensions)
//   nd x u32 dimensions: count, then the shape of one record (rows, cols for images; none for labels)
// Chunks may split anywhere, the header included; bytes are copied once into the final buffer.
import { tr } from '../i18n';
import { IdxFormatError } from './errors';

export type IdxKind = 'images' | 'labels';

/** Magic numbers: 2051 = 0x803 (ubyte, 3 dims), 2049 = 0x801 (ubyte, 1 dim). */
export const IDX_MAGIC: Readonly<Record<IdxKind, number>> = { images: 2051, labels: 2049 };

export interface IdxHeader {
  kind: IdxKind;
  magic: number;
  /** Number of records the header announces. */
  count: number;
  /** Shape of one record: [rows, cols] for images, [] for labels. */
  recordShape: number[];
  /** Bytes per record: rows*cols for images, 1 for labels. */
  recordBytes: number;
  /** Bytes of the header itself (16 for images, 8 for labels). */
  headerBytes: number;
}

/** A batch of records that just became complete. */
export interface IdxRecords {
  /** Index of the first record of this batch. */
  start: number;
  count: number;
  /** This batch's bytes, a view into `all`. */
  data: Uint8Array;
  /** The whole destination buffer (header.count records); records [0, start+count) are complete. */
  all: Uint8Array;
}

export interface IdxParserOptions {
  /** Name used in error messages. */
  file?: string;
  /** Expected image size (default 28x28). */
  rows?: number;
  cols?: number;
  /** Refuse headers announcing more records than this (a corrupt count must not allocate gigabytes). */
  maxRecords?: number;
}

const DEFAULT_MAX_RECORDS = 1_000_000;

export class IdxParser {
  header: IdxHeader | null = null;
  private readonly file: string;
  private readonly rows: number;
  private readonly cols: number;
  private readonly maxRecords: number;
  private readonly headerBuf = new Uint8Array(16);
  private headerFill = 0;
  private headerLength = 4; // grows to the full header length once the magic is known
  private out = new Uint8Array(0);
  private filled = 0;
  private complete = 0;

  constructor(
    readonly kind: IdxKind,
    options: IdxParserOptions = {},
  ) {
    this.file = options.file ?? `${kind} file`;
    this.rows = options.rows ?? 28;
    this.cols = options.cols ?? 28;
    this.maxRecords = options.maxRecords ?? DEFAULT_MAX_RECORDS;
  }

  /** Complete records so far. */
  get records(): number {
    return this.complete;
  }

  /** Decoded bytes consumed so far, header included. */
  get bytes(): number {
    return this.headerFill + this.filled;
  }

  /** Feeds one chunk; returns the records it completed, or null if none. Throws IdxFormatError. */
  push(chunk: Uint8Array): IdxRecords | null {
    let offset = 0;
    if (!this.header) {
      offset = this.readHeader(chunk);
      if (!this.header) return null;
    }
    const header: IdxHeader = this.header;
    const body = chunk.subarray(offset);
    if (body.length > this.out.length - this.filled) {
      const extra = body.length - (this.out.length - this.filled);
      throw new IdxFormatError(
        'trailing-data',
        this.file,
        tr('training:data.trailing', {
          extra,
          total: header.count,
          kind: tr(`training:data.kind.${this.kind}`),
        }),
      );
    }
    this.out.set(body, this.filled);
    this.filled += body.length;
    const start = this.complete;
    this.complete = Math.floor(this.filled / header.recordBytes);
    if (this.complete === start) return null;
    const rb = header.recordBytes;
    const data = this.out.subarray(start * rb, this.complete * rb);
    return { start, count: this.complete - start, data, all: this.out };
  }

  /** Call when the stream ends: returns all records, or throws if the stream stopped short. */
  finish(): Uint8Array {
    const header = this.header;
    if (!header) {
      const detail =
        this.headerFill === 0
          ? tr('training:data.empty')
          : tr('training:data.inHeader', { got: this.headerFill, size: this.headerLength });
      throw new IdxFormatError(
        'truncated',
        this.file,
        tr('training:data.expectedFile', { detail, kind: tr(`training:data.kind.${this.kind}`) }),
      );
    }
    if (this.filled < this.out.length) {
      const partial = this.filled - this.complete * header.recordBytes;
      const tail = partial > 0 ? tr('training:data.tail', { partial }) : '';
      throw new IdxFormatError(
        'truncated',
        this.file,
        tr('training:data.endedAfter', {
          complete: this.complete,
          total: header.count,
          kind: tr(`training:data.kind.${this.kind}`),
          tail,
        }),
      );
    }
    return this.out;
  }

  private readHeader(chunk: Uint8Array): number {
    let offset = 0;
    while (!this.header && offset < chunk.length) {
      const take = Math.min(this.headerLength - this.headerFill, chunk.length - offset);
      this.headerBuf.set(chunk.subarray(offset, offset + take), this.headerFill);
      this.headerFill += take;
      offset += take;
      if (this.headerFill < this.headerLength) continue;
      if (this.headerLength === 4) this.checkMagic();
      else this.parseDimensions();
    }
    return offset;
  }

  private checkMagic(): void {
    const view = new DataView(this.headerBuf.buffer);
    const magic = view.getUint32(0);
    const expected = IDX_MAGIC[this.kind];
    if (magic !== expected) {
      throw new IdxFormatError(
        'bad-magic',
        this.file,
        tr('training:data.magic', {
          expected,
          kind: tr(`training:data.kind.${this.kind}`),
          magic,
          hint: this.magicHint(magic),
        }),
      );
    }
    this.headerLength = 4 + 4 * (this.kind === 'images' ? 3 : 1);
  }

  private magicHint(magic: number): string {
    if (magic === IDX_MAGIC.labels) return tr('training:data.hintLabels');
    if (magic === IDX_MAGIC.images) return tr('training:data.hintImages');
    if (this.headerBuf[0] === 0x1f && this.headerBuf[1] === 0x8b) return tr('training:data.hintGzip');
    return '';
  }

  private parseDimensions(): void {
    const view = new DataView(this.headerBuf.buffer);
    const count = view.getUint32(4);
    const recordShape = this.kind === 'images' ? [view.getUint32(8), view.getUint32(12)] : [];
    if (this.kind === 'images' && (recordShape[0] !== this.rows || recordShape[1] !== this.cols)) {
      throw new IdxFormatError(
        'bad-dimensions',
        this.file,
        tr('training:data.dimensions', {
          rows: this.rows,
          cols: this.cols,
          h: recordShape[0],
          w: recordShape[1],
        }),
      );
    }
    if (count > this.maxRecords) {
      throw new IdxFormatError(
        'bad-dimensions',
        this.file,
        tr('training:data.tooMany', {
          total: count,
          kind: tr(`training:data.kind.${this.kind}`),
          max: this.maxRecords,
        }),
      );
    }
    const recordBytes = recordShape.reduce((a, b) => a * b, 1);
    this.out = new Uint8Array(count * recordBytes);
    this.header = {
      kind: this.kind,
      magic: IDX_MAGIC[this.kind],
      count,
      recordShape,
      recordBytes,
      headerBytes: this.headerLength,
    };
  }
}

/** Parses a complete IDX file held in memory. */
export function parseIdx(bytes: Uint8Array, kind: IdxKind, options?: IdxParserOptions): Uint8Array {
  const parser = new IdxParser(kind, options);
  parser.push(bytes);
  return parser.finish();
}
