// The image worker's run and the page's client, joined in one thread: zips opened into classes, refusals
// named (not an image, unreadable, path traversal, a deflate bomb, a 2 GB drop), progress counted,
// cancellation between images, and a browser without OffscreenCanvas told why. The browser's own decoder
// is not in Node: `fakeDecode` stands in for it (a file whose first byte is 0xab is an image of its second
// byte's grey), and the e2e tests decode real PNGs in Chromium's worker.
import { describe, expect, it } from 'vitest';
import { tr } from '../../../i18n';
import { writeZip } from '../../../network/export/zip';
import { pixelsOf, type ImageShape } from '../image-shape';
import type { LabelledFile } from '../images';
import { decodeFiles, type DecodeWorker } from './decode-client';
import type { DecodeEvent } from './decode-protocol';
import { decodeHandler, type DecodeOne } from './decode-run';

const fakeDecode: DecodeOne = async (file, shape) => {
  const bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes[0] !== 0xab) throw new Error(tr('ui:images.couldNotBeRead', { name: file.name }));
  return new Uint8Array(pixelsOf(shape)).fill(bytes[1]);
};
const image = (grey: number) => Uint8Array.from([0xab, grey]);
const loose = (name: string, data: Uint8Array): LabelledFile => ({
  file: new File([data.slice()], name),
  className: null,
});

/** The worker's handler behind the client's interface, in this thread; `onEvent` sees each event first. */
function inThread(canDraw = true, onEvent: (event: DecodeEvent) => void = () => undefined) {
  const listeners: ((event: MessageEvent<DecodeEvent>) => void)[] = [];
  const handle = decodeHandler(
    (event) => {
      onEvent(event);
      listeners.forEach((l) => l({ data: event } as MessageEvent<DecodeEvent>));
    },
    fakeDecode,
    () => canDraw,
  );
  const worker: DecodeWorker & { closed: boolean } = {
    closed: false,
    postMessage: (request) => void handle(request),
    addEventListener: (type: string, listener: (event: never) => void) => {
      if (type === 'message') listeners.push(listener as (event: MessageEvent<DecodeEvent>) => void);
    },
    terminate: () => void (worker.closed = true),
  };
  return worker;
}

/** A run's examples (class and first pixel), problems and progress, once it is over. */
async function run(files: LabelledFile[], shape: ImageShape = [1, 2, 2], worker = inThread()) {
  const examples: [string | null, number, number][] = [];
  const problems: string[] = [];
  const progress: string[] = [];
  const result = decodeFiles(worker, files, shape, {
    example: (className, pixels) => examples.push([className, pixels.length, pixels[0]]),
    problem: (message) => problems.push(message),
    progress: (done, total) => progress.push(`${done}/${total}`),
  });
  const { cancelled } = await result.finished;
  return { examples, problems, progress, cancelled, closed: worker.closed };
}

describe('the image worker', () => {
  it('opens a zip into a class per folder, reports each image, and names what it could not read', async () => {
    const zip = writeZip([
      { name: 'shapes/square/a.png', data: image(10) },
      { name: 'shapes/disc/b.png', data: image(20) },
      { name: 'shapes/disc/broken.png', data: new TextEncoder().encode('not a picture') },
      { name: 'shapes/notes.txt', data: new TextEncoder().encode('hello') },
    ]);
    const out = await run([loose('shapes.zip', zip), loose('c.png', image(30))], [3, 2, 2]);
    expect(out.examples).toEqual([
      ['square', 12, 10],
      ['disc', 12, 20],
      [null, 12, 30],
    ]);
    expect(out.problems).toEqual([
      '1 file is not an image and was skipped.',
      'broken.png could not be read as an image (PNG, JPEG, WebP, GIF or BMP)',
    ]);
    expect(out.progress).toEqual(['0/4', '1/4', '2/4', '3/4', '4/4']);
    expect(out.cancelled).toBe(false);
    expect(out.closed).toBe(true);
  });

  it('refuses a zip whose names climb out, and a deflate bomb, adding nothing from them', async () => {
    const evil = writeZip([{ name: 'cls/../../evil.png', data: image(1) }]);
    const bomb = writeZip([{ name: 'cls/zeros.png', data: new Uint8Array(51e6), deflate: true }]);
    const out = await run([loose('evil.zip', evil), loose('bomb.zip', bomb), loose('ok.png', image(5))]);
    expect(out.examples).toEqual([[null, 4, 5]]);
    expect(out.problems).toEqual([
      'evil.zip was not read: entry 1\'s name "cls/../../evil.png" climbs out of its folder. Nothing was added.',
      'bomb.zip was not read: "cls/zeros.png" unpacks to 48.6 MB, more than the 47.7 MB allowed. Nothing was added.',
    ]);
  });

  it('refuses a 2 GB drop whole before reading a byte of it', async () => {
    // Files that only claim their size: reading any of them would throw.
    const huge = Array.from({ length: 4 }, (_, i) => ({
      file: { name: `${i}.zip`, size: 5e8 } as File,
      className: null,
    }));
    const out = await run(huge);
    expect(out.problems).toEqual([
      'That is 2000 MB of files: at most 500 MB at a time. Nothing was read or added.',
    ]);
    expect(out.examples).toEqual([]);
    expect(out.progress).toEqual(['0/0']);
  });

  it('stops between images when cancelled, keeping what it sent', async () => {
    const files = Array.from({ length: 5 }, (_, i) => loose(`${i}.png`, image(i)));
    let cancel = () => undefined as void;
    const worker = inThread(true, (event) => {
      if (event.type === 'progress' && event.done === 2) cancel();
    });
    const examples: number[] = [];
    const result = decodeFiles(worker, files, [1, 2, 2], {
      example: (_, pixels) => examples.push(pixels[0]),
      problem: () => undefined,
      progress: () => undefined,
    });
    cancel = result.cancel;
    expect(await result.finished).toEqual({ cancelled: true });
    expect(examples).toEqual([0, 1]);
    expect(worker.closed).toBe(true);
  });

  it('says why where the browser has no OffscreenCanvas in its workers', async () => {
    const out = await run([loose('a.png', image(1))], [1, 2, 2], inThread(false));
    expect(out.problems).toEqual([tr('ui:images.noOffscreenCanvas')]);
    expect(out.problems[0]).toMatch(/no OffscreenCanvas/);
    expect(out.examples).toEqual([]);
    expect(out.closed).toBe(true);
  });
});
