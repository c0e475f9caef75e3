// One decoding run in the image worker: zips opened (ImageFolder layout, hostile names and bombs refused by
// the project's zip reader), the files screened (not images, too big, too many), then each image decoded in
// turn, every result and every refusal sent as it happens, so a cancelled or failing run keeps what it sent.
import { setLanguage, tr } from '../../../i18n';
import { FILE_LIMITS, filesInZip, screenFiles, type LabelledFile } from '../images';
import type { ImageShape } from '../image-shape';
import type { DecodeEvent, DecodeRequest } from './decode-protocol';

/** An image file as an example of `shape`; throws, in the reader's words, when it cannot be read. */
export type DecodeOne = (file: File, shape: ImageShape) => Promise<Uint8Array>;

const isZip = (file: File) => /\.zip$/i.test(file.name);

/** The images of `files`, zips opened; what is refused is passed to `problem`. */
async function imagesOf(files: LabelledFile[], problem: (message: string) => void): Promise<LabelledFile[]> {
  // A drop larger than the limit is refused whole before a byte of it is read (a zip's bytes included).
  const bytes = files.reduce((n, f) => n + f.file.size, 0);
  if (bytes > FILE_LIMITS.maxDropBytes) {
    problem(
      tr('ui:images.dropTooBig', { mb: (bytes / 1e6).toFixed(0), max: FILE_LIMITS.maxDropBytes / 1e6 }),
    );
    return [];
  }
  const out: LabelledFile[] = [];
  for (const f of files) {
    if (!isZip(f.file)) out.push(f);
    else {
      const inside = filesInZip(new Uint8Array(await f.file.arrayBuffer()), f.file.name);
      out.push(...inside.files);
      inside.problems.forEach(problem);
    }
  }
  const screened = screenFiles(out);
  screened.problems.forEach(problem);
  return screened.accepted;
}

/** Runs one `decode` request to its end (or its cancellation, asked between images). */
export async function runDecode(
  request: Extract<DecodeRequest, { type: 'decode' }>,
  emit: (event: DecodeEvent) => void,
  decodeOne: DecodeOne,
  cancelled: () => boolean,
): Promise<void> {
  const { id, shape } = request;
  const problem = (message: string) => emit({ type: 'problem', id, message });
  const images = await imagesOf(request.files, problem);
  const total = images.length;
  emit({ type: 'started', id, total });
  let done = 0;
  for (const { file, className } of images) {
    if (cancelled()) break;
    try {
      emit({ type: 'example', id, className, pixels: await decodeOne(file, shape) });
    } catch (error) {
      problem(error instanceof Error ? error.message : String(error));
    }
    emit({ type: 'progress', id, done: ++done, total });
  }
  emit({ type: 'finished', id, cancelled: done < total });
}

/**
 * The worker's side of the protocol: each `decode` request runs once its language is set (in the order
 * they came); a `cancel` marks its run to stop between images. `canDraw` false (no OffscreenCanvas in this
 * browser's workers) fails a run with a message instead of starting it.
 */
export function decodeHandler(
  emit: (event: DecodeEvent) => void,
  decodeOne: DecodeOne,
  canDraw: () => boolean,
): (request: DecodeRequest) => Promise<void> {
  const cancelled = new Set<number>();
  let queue = Promise.resolve();
  return (request) => {
    if (request.type === 'cancel') {
      cancelled.add(request.id);
      return queue;
    }
    const { id } = request;
    queue = queue
      .then(() => setLanguage(request.language))
      .then(() =>
        canDraw()
          ? runDecode(request, emit, decodeOne, () => cancelled.has(id))
          : emit({ type: 'failed', id, message: tr('ui:images.noOffscreenCanvas') }),
      )
      .catch((error: unknown) =>
        emit({ type: 'failed', id, message: error instanceof Error ? error.message : String(error) }),
      );
    return queue;
  };
}
