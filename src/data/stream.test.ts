import { describe, expect, it } from 'vitest';
import {
  DatasetError,
  DatasetGzipError,
  DatasetHttpError,
  DatasetNetworkError,
  IdxFormatError,
} from './errors';
import { loadIdxFile, type FileProgress, type LoadIdxOptions } from './stream';
import { gzip, makeIdx, servingFetch, type Served } from './testing/fixtures';

const URL_ = 'http://test/data/mnist/train-images-idx3-ubyte.gz';
const FILE = 'train-images-idx3-ubyte.gz';

async function failure(served: Served, options: LoadIdxOptions = {}): Promise<DatasetError> {
  const server = servingFetch({ [URL_]: served });
  const error = await loadIdxFile(URL_, 'images', { fetch: server.fetch, ...options }).then(
    () => new Error('expected the load to fail'),
    (e: unknown) => e,
  );
  if (!(error instanceof DatasetError)) throw error;
  return error;
}

describe('loadIdxFile', () => {
  it('streams a gzip file in awkward chunks, reporting progress and records as they arrive', async () => {
    const { file, records } = makeIdx('images', { count: 5 });
    const gz = gzip(file);
    const server = servingFetch({ [URL_]: gz });
    const progress: FileProgress[] = [];
    const seen: number[] = [];
    const result = await loadIdxFile(URL_, 'images', {
      fetch: server.fetch,
      onProgress: (p) => progress.push(p),
      onRecords: (batch) => seen.push(...batch.data),
    });
    expect(result.header.count).toBe(5);
    expect(result.data).toEqual(records);
    expect(seen).toEqual([...records]);
    expect(progress.at(-1)).toEqual({
      file: FILE,
      bytesLoaded: gz.length,
      bytesTotal: gz.length,
      records: 5,
      totalRecords: 5,
    });
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i].bytesLoaded).toBeGreaterThanOrEqual(progress[i - 1].bytesLoaded);
      expect(progress[i].records).toBeGreaterThanOrEqual(progress[i - 1].records);
    }
  });

  it('accepts a body the server already decoded (Content-Encoding: gzip, as Vite serves .gz)', async () => {
    const { file, records } = makeIdx('images', { count: 3 });
    const server = servingFetch({ [URL_]: { body: file, headers: { 'content-encoding': 'gzip' } } });
    const progress: FileProgress[] = [];
    const result = await loadIdxFile(URL_, 'images', {
      fetch: server.fetch,
      expectedBytes: 999,
      onProgress: (p) => progress.push(p),
    });
    expect(result.data).toEqual(records);
    // Content-Length and the manifest give compressed sizes; the total comes from the IDX header instead.
    expect(new Set(progress.map((p) => p.bytesTotal))).toEqual(new Set([null, file.length]));
    expect(progress.at(-1)).toMatchObject({ bytesLoaded: file.length, bytesTotal: file.length });
  });

  it('takes the byte total from the manifest when there is no Content-Length, else reports null', async () => {
    const gz = gzip(makeIdx('images', { count: 2 }).file);
    for (const expectedBytes of [gz.length, undefined]) {
      const server = servingFetch({ [URL_]: { body: gz, noLength: true } });
      const totals: (number | null)[] = [];
      await loadIdxFile(URL_, 'images', {
        fetch: server.fetch,
        expectedBytes,
        onProgress: (p) => totals.push(p.bytesTotal),
      });
      expect(new Set(totals)).toEqual(new Set([expectedBytes ?? null]));
    }
  });

  it('says a file is missing on HTTP 404 and names it', async () => {
    const server = servingFetch({});
    const error = await loadIdxFile(URL_, 'images', { fetch: server.fetch }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetHttpError);
    expect(error).toMatchObject({ code: 'missing', file: FILE, status: 404 });
    expect((error as Error).message).toBe(`dataset file ${FILE} is missing (HTTP 404)`);
  });

  it('says a file is missing when the server falls back to an HTML page (as Vite does)', async () => {
    const page = new TextEncoder().encode('<!doctype html><html></html>');
    const error = await failure({ body: page, headers: { 'content-type': 'text/html; charset=utf-8' } });
    expect(error).toBeInstanceOf(DatasetHttpError);
    expect(error.info()).toEqual({
      code: 'missing',
      file: FILE,
      message: `dataset file ${FILE} is missing (the server sent an HTML page instead)`,
    });
  });

  it('asks the server again rather than the HTTP cache, so a Retry really retries', async () => {
    const server = servingFetch({ [URL_]: gzip(makeIdx('images', { count: 2 }).file) });
    await loadIdxFile(URL_, 'images', { fetch: server.fetch });
    expect(server.cacheModes).toEqual(['no-cache']);
  });

  it('names the status of an HTML error page rather than calling the file missing', async () => {
    const page = new TextEncoder().encode('<!doctype html><h1>Internal Server Error</h1>');
    const error = await failure({
      status: 500,
      body: page,
      headers: { 'content-type': 'text/html; charset=utf-8' },
    });
    expect(error).toBeInstanceOf(DatasetHttpError);
    expect(error).toMatchObject({ code: 'http', status: 500 });
    expect(error.message).toBe(`dataset file ${FILE} could not be fetched (HTTP 500)`);
  });

  it('reports other HTTP statuses with their number', async () => {
    const error = await failure({ status: 503 });
    expect(error).toMatchObject({ code: 'http', status: 503 });
    expect(error.message).toContain('HTTP 503');
  });

  it('reports a failed request and a connection dropped mid-body as network errors', async () => {
    const gz = gzip(makeIdx('images', { count: 5 }).file);
    const refused = await failure({ reject: true });
    expect(refused).toBeInstanceOf(DatasetNetworkError);
    expect(refused.code).toBe('network');
    const dropped = await failure({ body: gz, failAfter: 300 });
    expect(dropped.code).toBe('network');
    expect(dropped.message).toContain(FILE);
    expect(dropped.message).toContain('other side closed');
  });

  it('times out a body that stops sending instead of hanging', async () => {
    const gz = gzip(makeIdx('images', { count: 5 }).file);
    const server = servingFetch({ [URL_]: { body: gz, stallAfter: 200 } });
    const error = await loadIdxFile(URL_, 'images', { fetch: server.fetch, stallTimeoutMs: 50 }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({
      code: 'network',
      message: `dataset file ${FILE} could not be downloaded: no data arrived for 0.05 s`,
    });
    expect(server.cancelled.has(URL_)).toBe(true);
  });

  it('stops with code aborted when the caller aborts mid-body', async () => {
    const gz = gzip(makeIdx('images', { count: 5 }).file);
    const server = servingFetch({ [URL_]: { body: gz, stallAfter: 200 } });
    const controller = new AbortController();
    const load = loadIdxFile(URL_, 'images', {
      fetch: server.fetch,
      signal: controller.signal,
      onProgress: () => controller.abort(new Error('user left')),
    });
    await expect(load).rejects.toMatchObject({ code: 'aborted', file: FILE });
    expect(server.cancelled.has(URL_)).toBe(true);
  });

  it('refuses bytes that are not gzip, with a hint when they are an HTML page', async () => {
    const html = new TextEncoder().encode('<!doctype html><html></html>');
    const error = await failure(html);
    expect(error).toBeInstanceOf(DatasetGzipError);
    expect(error.code).toBe('bad-gzip');
    expect(error.message).toContain(`dataset file ${FILE} is not valid gzip`);
    expect(error.message).toContain('HTML page');
  });

  it('refuses corrupt deflate data inside a gzip stream', async () => {
    const gz = gzip(makeIdx('images', { count: 5 }).file);
    for (let i = 12; i < 40; i++) gz[i] ^= 0xa5;
    const error = await failure(gz);
    expect(error.code).toBe('bad-gzip');
    expect(error.message).toContain(`dataset file ${FILE} is not valid gzip (`);
  });

  it('reports a gzip file cut short as truncated', async () => {
    const gz = gzip(makeIdx('images', { count: 5 }).file);
    const error = await failure(gz.subarray(0, gz.length - 40));
    expect(error).toBeInstanceOf(IdxFormatError);
    expect(error.code).toBe('truncated');
    expect(error.message).toMatch(/ended after \d of 5 images \(the gzip stream is cut short\)/);
    // Only the checksum trailer missing: still truncated. Node's decoder drops its last output on the error,
    // Chromium's does not, so the count parsed may be all or nearly all.
    const checksumOnly = await failure(gz.subarray(0, gz.length - 5));
    expect(checksumOnly.code).toBe('truncated');
    expect(checksumOnly.message).toMatch(
      /ended after (\d of 5 images|the last of 5 images but before its checksum)/,
    );
  });

  it('reports a complete gzip of an incomplete IDX file as truncated, with the exact count', async () => {
    const { file } = makeIdx('images', { count: 5 });
    const error = await failure(gzip(file.subarray(0, 16 + 2 * 784)));
    expect(error.message).toBe(`dataset file ${FILE}: ended after 2 of 5 images`);
  });

  it('refuses a wrong magic number inside valid gzip and cancels the download', async () => {
    // The body stalls after 200 bytes: the error must come from the header, not from waiting for the rest.
    const big = gzip(makeIdx('labels', { count: 3000 }).file);
    const server = servingFetch({ [URL_]: { body: big, stallAfter: 200 } });
    const error = await loadIdxFile(URL_, 'images', { fetch: server.fetch }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'bad-magic' });
    expect(server.cancelled.has(URL_)).toBe(true);
  });

  it('refuses wrong dimensions and trailing garbage inside valid gzip', async () => {
    const wide = await failure(gzip(makeIdx('images', { count: 2, rows: 28, cols: 29 }).file));
    expect(wide).toMatchObject({ code: 'bad-dimensions' });
    const { file } = makeIdx('images', { count: 2 });
    const padded = new Uint8Array(file.length + 10);
    padded.set(file);
    const trailing = await failure(gzip(padded));
    expect(trailing).toMatchObject({ code: 'trailing-data' });
    expect(trailing.message).toContain('10 unexpected byte(s) after the last of 2 images');
  });

  it('stops with the error thrown by onHeader', async () => {
    const gz = gzip(makeIdx('images', { count: 5 }).file);
    const error = await failure(gz, {
      onHeader: (h) => {
        throw new DatasetError('count-mismatch', FILE, `refused ${h.count}`);
      },
    });
    expect(error.message).toBe('refused 5');
  });
});
