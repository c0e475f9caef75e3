// Streams one IDX .gz file: fetch -> (DecompressionStream) -> IdxParser, reporting progress and handing out
// records as they complete. Every failure becomes a DatasetError naming the file; a stalled body times out.
import { tr } from '../i18n';
import {
  DatasetError,
  DatasetGzipError,
  DatasetHttpError,
  DatasetNetworkError,
  IdxFormatError,
} from './errors';
import { IdxParser, type IdxHeader, type IdxKind, type IdxRecords } from './idx';

export interface FileProgress {
  file: string;
  /** Body bytes received (compressed bytes, or decoded ones where the server applied Content-Encoding). */
  bytesLoaded: number;
  /**
   * Expected body bytes: Content-Length, else the manifest size; for a body the server encoded (and the
   * runtime decoded) the IDX size once the header is in. Null while unknown.
   */
  bytesTotal: number | null;
  /** Complete records so far. */
  records: number;
  /** Records the header announces; null until the header arrived. */
  totalRecords: number | null;
}

export interface LoadIdxOptions {
  /** Injected fetch (tests, service workers); defaults to globalThis.fetch. */
  fetch?: typeof fetch;
  signal?: AbortSignal;
  onProgress?: (progress: FileProgress) => void;
  /** Called once with the parsed header; throwing here aborts the load with that error. */
  onHeader?: (header: IdxHeader) => void;
  /** Called whenever records complete; the views stay valid (they point into the final buffer). */
  onRecords?: (records: IdxRecords) => void;
  /** Size of the .gz from the manifest, used when the response has no usable Content-Length. */
  expectedBytes?: number;
  /** Name used in messages (default: the last path segment of the URL). */
  file?: string;
  /** Expected image size (default 28x28). */
  rows?: number;
  cols?: number;
  /** Fail with a 'network' error when no bytes arrive for this long (default 30 s). */
  stallTimeoutMs?: number;
  /**
   * Called before each read of the body with the records complete so far; a promise returned holds the
   * file back until it settles (no stall timeout runs meanwhile), so a loader can put other work first.
   */
  beforeRead?: (records: number) => Promise<void> | undefined;
}

export interface IdxFile {
  header: IdxHeader;
  /** header.count records of header.recordBytes bytes each, in file order. */
  data: Uint8Array;
}

const GZIP_SIGNATURE = [0x1f, 0x8b];
const DEFAULT_STALL_MS = 30_000;

export async function loadIdxFile(
  url: string,
  kind: IdxKind,
  options: LoadIdxOptions = {},
): Promise<IdxFile> {
  const file = options.file ?? url.slice(url.lastIndexOf('/') + 1);
  const { signal } = options;
  const fetchFn = options.fetch ?? globalThis.fetch;
  let response: Response;
  try {
    if (signal?.aborted) throw signal.reason;
    // no-cache: the server is asked again (cheaply, by ETag), so a Retry after a bad answer that the HTTP
    // cache kept (a fallback page served with a 200) gets the file, not the same bad answer.
    response = await fetchFn(url, { signal, cache: 'no-cache' });
  } catch (error) {
    throw networkError(file, error, signal);
  }
  const htmlPage = /^text\/html\b/i.test(response.headers.get('content-type') ?? '');
  if (!response.ok || htmlPage) {
    await response.body?.cancel().catch(() => undefined);
    throw new DatasetHttpError(file, response.status, response.statusText, htmlPage);
  }
  if (!response.body) throw new DatasetNetworkError(file, tr('training:data.noBody'));

  const source = new BodySource(response.body, file, signal, options.stallTimeoutMs ?? DEFAULT_STALL_MS);
  const parser = new IdxParser(kind, { file, rows: options.rows, cols: options.cols });
  // Where the server set Content-Encoding, the runtime already decoded the body and Content-Length lies.
  const length = Number(response.headers.get('content-length') ?? NaN);
  const encoded = (response.headers.get('content-encoding') ?? 'identity') !== 'identity';
  let bytesTotal = encoded ? null : length > 0 ? length : (options.expectedBytes ?? null);
  const report = () =>
    options.onProgress?.({
      file,
      bytesLoaded: source.bytes,
      bytesTotal,
      records: parser.records,
      totalRecords: parser.header?.count ?? null,
    });

  const head = await source.peek(4);
  const gzip = head[0] === GZIP_SIGNATURE[0] && head[1] === GZIP_SIGNATURE[1];
  if (!gzip && head.length > 0 && !(head[0] === 0 && head[1] === 0)) {
    source.cancel();
    throw new DatasetGzipError(file, describeNonGzip(head));
  }
  const decoded = gzip ? source.stream().pipeThrough(gunzip()) : source.stream();
  const reader = decoded.getReader();
  try {
    for (;;) {
      const hold = options.beforeRead?.(parser.records);
      if (hold) {
        await hold;
        if (signal?.aborted) throw networkError(file, signal.reason, signal);
      }
      const chunk = await reader.read().catch((error: unknown) => {
        throw classifyReadError(error, file, parser, source, signal);
      });
      if (chunk.done) break;
      const hadHeader = parser.header !== null;
      const records = parser.push(chunk.value);
      if (!hadHeader && parser.header) {
        if (!gzip) bytesTotal = parser.header.headerBytes + parser.header.count * parser.header.recordBytes;
        options.onHeader?.(parser.header);
      }
      if (records) options.onRecords?.(records);
      report();
    }
    const data = parser.finish();
    return { header: parser.header as IdxHeader, data };
  } catch (error) {
    // Cancel both ends: the pipe would cancel the body too, but only at its next write.
    source.cancel();
    await reader.cancel(error).catch(() => undefined);
    throw error;
  }
}

/** Reads the response body with a stall timeout and abort handling, counting bytes. */
class BodySource {
  bytes = 0;
  done = false;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private pending: Uint8Array[] = [];

  constructor(
    body: ReadableStream<Uint8Array>,
    private readonly file: string,
    private readonly signal: AbortSignal | undefined,
    private readonly stallMs: number,
  ) {
    this.reader = body.getReader();
  }

  /** Reads until at least n bytes (or the end) and returns them; they are replayed by stream(). */
  async peek(n: number): Promise<Uint8Array> {
    let have = this.pending.reduce((sum, c) => sum + c.length, 0);
    while (have < n) {
      const chunk = await this.next();
      if (!chunk) break;
      this.pending.push(chunk);
      have += chunk.length;
    }
    const head = new Uint8Array(have);
    let at = 0;
    for (const c of this.pending) {
      head.set(c, at);
      at += c.length;
    }
    return head.subarray(0, n);
  }

  stream(): ReadableStream<Uint8Array> {
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        const chunk = this.pending.shift() ?? (await this.next());
        if (chunk) controller.enqueue(chunk);
        else controller.close();
      },
      cancel: () => this.cancel(),
    });
  }

  cancel(): void {
    this.reader.cancel().catch(() => undefined);
  }

  private async next(): Promise<Uint8Array | null> {
    if (this.done) return null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: (() => void) | undefined;
    const interrupted = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new DatasetNetworkError(this.file, tr('training:data.stalled', { seconds: this.stallMs / 1000 })),
          ),
        this.stallMs,
      );
      onAbort = () => reject(this.signal?.reason);
      this.signal?.addEventListener('abort', onAbort, { once: true });
    });
    try {
      if (this.signal?.aborted) throw this.signal.reason;
      const { done, value } = await Promise.race([this.reader.read(), interrupted]);
      if (done) {
        this.done = true;
        return null;
      }
      this.bytes += value.length;
      return value;
    } catch (error) {
      this.cancel();
      throw error instanceof DatasetError ? error : networkError(this.file, error, this.signal);
    } finally {
      clearTimeout(timer);
      if (onAbort) this.signal?.removeEventListener('abort', onAbort);
    }
  }
}

// DOM typings declare the writable side as BufferSource; Uint8Array chunks are what it receives.
const gunzip = () => new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>;

function networkError(file: string, error: unknown, signal: AbortSignal | undefined): DatasetError {
  if (error instanceof DatasetError) return error;
  const aborted = signal?.aborted === true;
  const detail = error instanceof Error ? error.message : String(error);
  return new DatasetNetworkError(file, tr('training:data.network', { detail }), { cause: error, aborted });
}

/** A failed read of the decoded stream: our own errors pass through; the decompressor's are sorted. */
function classifyReadError(
  error: unknown,
  file: string,
  parser: IdxParser,
  source: BodySource,
  signal: AbortSignal | undefined,
): DatasetError {
  if (error instanceof DatasetError) return error;
  if (signal?.aborted) return networkError(file, error, signal);
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown }).code;
  // Node's zlib says Z_BUF_ERROR "unexpected end of file"; Chromium "Compressed input was truncated".
  const cutShort = code === 'Z_BUF_ERROR' || /unexpected end|truncated/i.test(message);
  if (cutShort && source.done) {
    const header = parser.header;
    const got = !header
      ? tr('training:data.cutInHeader')
      : parser.records < header.count
        ? tr('training:data.cutAfter', {
            records: parser.records,
            total: header.count,
            kind: tr(`training:data.kind.${parser.kind}`),
          })
        : tr('training:data.cutBeforeChecksum', {
            total: header.count,
            kind: tr(`training:data.kind.${parser.kind}`),
          });
    return new IdxFormatError('truncated', file, tr('training:data.cutShort', { got }));
  }
  return new DatasetGzipError(file, message, { cause: error });
}

function describeNonGzip(head: Uint8Array): string {
  const hex = Array.from(head, (b) => b.toString(16).padStart(2, '0')).join(' ');
  const html = head[0] === 0x3c ? tr('training:data.htmlHint') : '';
  return tr('training:data.notGzip', { hex, html });
}
