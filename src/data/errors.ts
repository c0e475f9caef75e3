// Dataset failures: one class per cause, each with a stable `code` and the file it concerns, so the UI can
// say exactly what went wrong and offer a retry. `info()` survives postMessage (class identity does not).

export type DatasetErrorCode =
  | 'missing' // HTTP 404
  | 'http' // any other non-2xx status
  | 'network' // the request or the body failed, or the body stalled
  | 'aborted' // the caller's AbortSignal fired
  | 'bad-gzip' // the bytes are neither gzip nor IDX, or gzip decoding failed
  | 'bad-magic' // IDX magic number is not the one for this kind of file
  | 'bad-dimensions' // IDX dimensions are not the expected ones (28x28 images)
  | 'truncated' // the stream ended before the header's record count
  | 'trailing-data' // bytes follow the last record
  | 'count-mismatch' // images and labels (or the catalogue) disagree on the count
  | 'bad-label'; // a label outside 0..classes-1

export interface DatasetErrorInfo {
  code: DatasetErrorCode;
  file: string;
  message: string;
}

export class DatasetError extends Error {
  constructor(
    readonly code: DatasetErrorCode,
    readonly file: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DatasetError';
  }

  info(): DatasetErrorInfo {
    return { code: this.code, file: this.file, message: this.message };
  }
}

/**
 * The server answered, but not with the file: 404, or a successful HTML page (a single-page-app fallback
 * such as Vite's answers 200 with index.html for a missing file) -> code 'missing'; any other status, an
 * HTML error page included (a 500 is no sign that the file is missing) -> 'http', naming the status.
 */
export class DatasetHttpError extends DatasetError {
  constructor(
    file: string,
    readonly status: number,
    statusText: string,
    htmlPage = false,
  ) {
    const fallbackPage = htmlPage && status >= 200 && status < 300;
    super(
      status === 404 || fallbackPage ? 'missing' : 'http',
      file,
      fallbackPage
        ? `dataset file ${file} is missing (the server sent an HTML page instead)`
        : status === 404
          ? `dataset file ${file} is missing (HTTP 404)`
          : `dataset file ${file} could not be fetched (HTTP ${status}${statusText ? ` ${statusText}` : ''})`,
    );
    this.name = 'DatasetHttpError';
  }
}

/** The connection failed, stalled or was aborted before the whole file arrived. */
export class DatasetNetworkError extends DatasetError {
  constructor(file: string, detail: string, options?: { cause?: unknown; aborted?: boolean }) {
    super(
      options?.aborted ? 'aborted' : 'network',
      file,
      options?.aborted
        ? `loading dataset file ${file} was cancelled`
        : `dataset file ${file} could not be downloaded: ${detail}`,
      options,
    );
    this.name = 'DatasetNetworkError';
  }
}

/** The bytes are not a valid gzip stream. */
export class DatasetGzipError extends DatasetError {
  constructor(file: string, detail: string, options?: { cause?: unknown }) {
    super('bad-gzip', file, `dataset file ${file} is not valid gzip (${detail})`, options);
    this.name = 'DatasetGzipError';
  }
}

/** The decoded bytes are not the IDX file we expect (magic, dimensions, length). */
export class IdxFormatError extends DatasetError {
  constructor(
    code: 'bad-magic' | 'bad-dimensions' | 'truncated' | 'trailing-data',
    file: string,
    message: string,
  ) {
    super(code, file, `dataset file ${file}: ${message}`);
    this.name = 'IdxFormatError';
  }
}

/** Files that are each well-formed but do not fit together (counts, label range). */
export class DatasetMismatchError extends DatasetError {
  constructor(code: 'count-mismatch' | 'bad-label', file: string, message: string) {
    super(code, file, message);
    this.name = 'DatasetMismatchError';
  }
}

/** The plain-data form of any dataset error, or null for other errors. */
export function datasetErrorInfo(error: unknown): DatasetErrorInfo | null {
  return error instanceof DatasetError ? error.info() : null;
}
