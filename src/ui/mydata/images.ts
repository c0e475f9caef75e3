// Examples from pictures: any image (colour or grey, any size) becomes an example of the dataset's shape,
// its centre square scaled to the side, and for a grey dataset its colours reduced to luminance (ITU-R
// BT.601 weights, as PIL's "L"); a colour dataset keeps red, green and blue as three planes.
import { tr } from '../../i18n';
import { readZip } from '../../network/project/zip-read';
import { GREY_28, pixelsOf, type ImageShape } from './image-shape';

/** Largest single file and largest drop, so a mistaken drop of a photo library is refused up front. */
export const FILE_LIMITS = { maxFileBytes: 50e6, maxDropBytes: 500e6, maxFiles: 5000 } as const;
const IMAGE_NAME = /\.(png|jpe?g|webp|gif|bmp)$/i;

/** The centred square of a w×h picture: where to crop before scaling to SIDE×SIDE. */
export function centreSquare(w: number, h: number): { x: number; y: number; side: number } {
  const side = Math.min(w, h);
  return { x: Math.floor((w - side) / 2), y: Math.floor((h - side) / 2), side };
}

/** RGBA pixels as luminance bytes: 0.299 R + 0.587 G + 0.114 B, rounded. */
export function luminance(rgba: Uint8ClampedArray): Uint8Array {
  const out = new Uint8Array(rgba.length / 4);
  for (let i = 0; i < out.length; i++)
    out[i] = Math.round(0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2]);
  return out;
}

/** RGBA pixels as red, green and blue planes, one after another (PyTorch's [3, H, W]). */
export function planes(rgba: Uint8ClampedArray): Uint8Array {
  const plane = rgba.length / 4;
  const out = new Uint8Array(3 * plane);
  for (let i = 0; i < plane; i++) for (let c = 0; c < 3; c++) out[c * plane + i] = rgba[4 * i + c];
  return out;
}

/** A 2D context of a page canvas or of an OffscreenCanvas (a worker's). */
export type Context2D = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

/** The centre square of `source` (w×h) drawn on `ctx`, a canvas of the shape's size, and read back. */
export function exampleOnCanvas(
  ctx: Context2D,
  source: CanvasImageSource,
  w: number,
  h: number,
  shape: ImageShape,
): Uint8Array {
  const [channels, height, width] = shape;
  ctx.imageSmoothingQuality = 'high';
  const { x, y, side } = centreSquare(w, h);
  ctx.drawImage(source, x, y, side, side, 0, 0, width, height);
  const rgba = ctx.getImageData(0, 0, width, height).data;
  const example = channels === 1 ? luminance(rgba) : planes(rgba);
  if (example.length !== pixelsOf(shape)) throw new Error(tr('ui:images.theScaledImageHas'));
  return example;
}

/** An example from a picture on the page (a camera frame): the centre square of `source`, scaled. */
export function exampleFrom(
  source: CanvasImageSource,
  w: number,
  h: number,
  shape: ImageShape = GREY_28,
): Uint8Array {
  const canvas = document.createElement('canvas');
  [canvas.width, canvas.height] = [shape[2], shape[1]];
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error(tr('ui:images.thisBrowserGaveNo'));
  return exampleOnCanvas(ctx, source, w, h, shape);
}

/** A picked or dropped file and the class its folder names (null for loose files). */
export interface LabelledFile {
  file: File;
  className: string | null;
}

/** The class of a file in a folder laid out like torchvision's ImageFolder: its parent folder's name. */
export function classOfPath(path: string): string | null {
  const parts = path.split('/').filter((p) => p !== '');
  return parts.length >= 2 ? parts[parts.length - 2] : null;
}

/** Files to read, and what is refused before reading any (too big, too many, not images). */
export function screenFiles(files: LabelledFile[]): { accepted: LabelledFile[]; problems: string[] } {
  const problems: string[] = [];
  const images = files.filter((f) => IMAGE_NAME.test(f.file.name) || f.file.type.startsWith('image/'));
  const skipped = files.length - images.length;
  if (skipped > 0)
    problems.push(
      skipped === 1 ? tr('ui:images.t1FileIsNot') : tr('ui:images.filesAreNotImages', { skipped }),
    );
  const total = images.reduce((n, f) => n + f.file.size, 0);
  if (total > FILE_LIMITS.maxDropBytes || images.length > FILE_LIMITS.maxFiles)
    return {
      accepted: [],
      problems: [
        tr('ui:images.thatIsImagesMb', {
          images: images.length,
          total: (total / 1e6).toFixed(0),
          maxFiles: FILE_LIMITS.maxFiles,
          maxDropBytes: FILE_LIMITS.maxDropBytes / 1e6,
        }),
      ],
    };
  const big = images.filter((f) => f.file.size > FILE_LIMITS.maxFileBytes);
  for (const f of big)
    problems.push(
      tr('ui:images.isOverMbAnd', { name: f.file.name, maxFileBytes: FILE_LIMITS.maxFileBytes / 1e6 }),
    );
  return { accepted: images.filter((f) => f.file.size <= FILE_LIMITS.maxFileBytes), problems };
}

/** Every file under a drop, folders walked (a file inside folder `a/b/` is labelled `b`). */
export async function droppedFiles(items: DataTransferItemList): Promise<LabelledFile[]> {
  const entries = Array.from(items)
    .map((item) => item.webkitGetAsEntry?.())
    .filter((e): e is FileSystemEntry => Boolean(e));
  const out: LabelledFile[] = [];
  const walk = async (entry: FileSystemEntry): Promise<void> => {
    if (entry.isFile) {
      const file = await new Promise<File>((resolve, reject) =>
        (entry as FileSystemFileEntry).file(resolve, reject),
      );
      out.push({ file, className: classOfPath(entry.fullPath) });
    } else if (entry.isDirectory) {
      const reader = (entry as FileSystemDirectoryEntry).createReader();
      // readEntries answers in pages: read until it gives none.
      for (;;) {
        const page = await new Promise<FileSystemEntry[]>((resolve, reject) =>
          reader.readEntries(resolve, reject),
        );
        if (page.length === 0) break;
        for (const child of page) await walk(child);
      }
    }
  };
  for (const entry of entries) await walk(entry);
  return out;
}

/** The images inside a zip laid out like ImageFolder (`class/…/file.png`), checked by the project's
 *  zip reader (entry count, names climbing out of the folder, sizes, CRCs, deflate bombs). */
export function filesInZip(
  bytes: Uint8Array,
  zipName: string,
): { files: LabelledFile[]; problems: string[] } {
  const zip = readZip(bytes, {
    maxEntries: FILE_LIMITS.maxFiles,
    maxNameBytes: 300,
    maxEntryBytes: FILE_LIMITS.maxFileBytes,
    maxTotalBytes: FILE_LIMITS.maxDropBytes,
    skip: (name) => name.startsWith('__MACOSX/') || name.endsWith('/'),
  });
  if (!zip.ok)
    return { files: [], problems: [tr('ui:images.wasNotReadNothing', { zipName, error: zip.error })] };
  const files = zip.files.map((f) => ({
    file: new File([f.data.slice()], f.name.split('/').pop() ?? f.name),
    className: classOfPath(f.name),
  }));
  return { files, problems: [] };
}
