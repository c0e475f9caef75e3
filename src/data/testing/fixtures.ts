// Test fixtures for data/: small generated IDX files (valid and corrupted) and a fetch that serves bytes in
// awkward chunks, fails, stalls or answers 404, recording what it was asked and whether bodies were cancelled.
import { gzipSync } from 'node:zlib';
import { IDX_MAGIC, type IdxKind } from '../idx';

export interface IdxSpec {
  count: number;
  rows?: number;
  cols?: number;
  /** Override the magic number (to corrupt it). */
  magic?: number;
  /** Override the header's count (to disagree with the records that follow). */
  headerCount?: number;
  /** Number of classes labels are drawn from (default 10). */
  classes?: number;
  seed?: number;
}

/** Deterministic pixels/labels: a small LCG so each fixture differs but repeats across runs. */
export function makeRecords(kind: IdxKind, spec: IdxSpec): Uint8Array {
  const per = kind === 'images' ? (spec.rows ?? 28) * (spec.cols ?? 28) : 1;
  const out = new Uint8Array(spec.count * per);
  let state = (spec.seed ?? 1) >>> 0;
  for (let i = 0; i < out.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = kind === 'images' ? state >>> 24 : (state >>> 16) % (spec.classes ?? 10);
  }
  return out;
}

export function makeIdx(kind: IdxKind, spec: IdxSpec): { file: Uint8Array; records: Uint8Array } {
  const records = makeRecords(kind, spec);
  const dims = kind === 'images' ? [spec.rows ?? 28, spec.cols ?? 28] : [];
  const header = new DataView(new ArrayBuffer(8 + 4 * dims.length));
  header.setUint32(0, spec.magic ?? IDX_MAGIC[kind]);
  header.setUint32(4, spec.headerCount ?? spec.count);
  dims.forEach((d, i) => header.setUint32(8 + 4 * i, d));
  const file = new Uint8Array(header.byteLength + records.length);
  file.set(new Uint8Array(header.buffer));
  file.set(records, header.byteLength);
  return { file, records };
}

export const gzip = (bytes: Uint8Array): Uint8Array => new Uint8Array(gzipSync(bytes));

/** Chunk sizes that split headers and records at odd places. */
export const AWKWARD_CHUNKS = [1, 3, 7, 2, 13, 5, 64, 1, 31, 500];

export type Served =
  | Uint8Array
  | {
      body?: Uint8Array;
      status?: number;
      headers?: Record<string, string>;
      /** Omit Content-Length. */
      noLength?: boolean;
      /** The body errors (connection reset) after this many bytes. */
      failAfter?: number;
      /** The body stops sending (never closes) after this many bytes. */
      stallAfter?: number;
      /** fetch() itself rejects (DNS, offline). */
      reject?: boolean;
      chunks?: number[];
    };

export interface ServingFetch {
  fetch: typeof fetch;
  requested: string[];
  /** The cache mode of each request, in order. */
  cacheModes: (RequestCache | undefined)[];
  /** URLs whose body stream was cancelled by the reader. */
  cancelled: Set<string>;
}

export function servingFetch(files: Record<string, Served>): ServingFetch {
  const requested: string[] = [];
  const cacheModes: (RequestCache | undefined)[] = [];
  const cancelled = new Set<string>();
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    requested.push(url);
    cacheModes.push(init?.cache);
    if (init?.signal?.aborted) throw init.signal.reason;
    const entry = files[url];
    if (entry === undefined) return new Response('not found', { status: 404, statusText: 'Not Found' });
    const spec = entry instanceof Uint8Array ? { body: entry } : entry;
    if (spec.reject) throw new TypeError('fetch failed');
    const status = spec.status ?? 200;
    const body = spec.body ?? (status === 200 ? new Uint8Array(0) : new TextEncoder().encode('error'));
    const headers = new Headers(spec.headers);
    if (!spec.noLength) headers.set('content-length', String(body.length));
    const stream = chunkedStream(body, spec.chunks ?? AWKWARD_CHUNKS, spec, () => cancelled.add(url));
    // An error status keeps its body and headers, as a server's own error page does.
    return new Response(stream, { status, headers });
  };
  return { fetch: fetchFn as typeof fetch, requested, cacheModes, cancelled };
}

function chunkedStream(
  body: Uint8Array,
  sizes: number[],
  spec: { failAfter?: number; stallAfter?: number },
  onCancel: () => void,
): ReadableStream<Uint8Array> {
  let offset = 0;
  let step = 0;
  let release: () => void = () => undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (spec.failAfter !== undefined && offset >= spec.failAfter) {
        controller.error(new TypeError('terminated: other side closed'));
        return;
      }
      if (spec.stallAfter !== undefined && offset >= spec.stallAfter) {
        await new Promise<void>((resolve) => (release = resolve));
        return;
      }
      if (offset >= body.length) {
        controller.close();
        return;
      }
      const limit = Math.min(spec.failAfter ?? Infinity, spec.stallAfter ?? Infinity, body.length);
      const size = Math.max(1, Math.min(sizes[step++ % sizes.length], limit - offset));
      controller.enqueue(body.slice(offset, offset + size));
      offset += size;
    },
    cancel() {
      onCancel();
      release();
    },
  });
}
