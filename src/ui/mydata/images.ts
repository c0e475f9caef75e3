// Examples from pictures: any image (colour or grey, any size) becomes a 28×28 greyscale example, its
// centre square scaled down and its colours reduced to luminance (ITU-R BT.601 weights, as PIL's "L").
import { readZip } from '../../network/project/zip-read';
import { PIXELS, SIDE } from './myData';

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

/** An example from a picture: the centre square of `source` (w×h), scaled to SIDE×SIDE, grey. */
export function exampleFrom(source: CanvasImageSource, w: number, h: number): Uint8Array {
  const canvas = document.createElement('canvas');
  canvas.width = SIDE;
  canvas.height = SIDE;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('this browser gave no 2D canvas to scale images with');
  ctx.imageSmoothingQuality = 'high';
  const { x, y, side } = centreSquare(w, h);
  ctx.drawImage(source, x, y, side, side, 0, 0, SIDE, SIDE);
  const grey = luminance(ctx.getImageData(0, 0, SIDE, SIDE).data);
  if (grey.length !== PIXELS) throw new Error('the scaled image has the wrong size');
  return grey;
}

/** A file decoded and made an example; the error names the file and what it holds. */
export async function exampleFromFile(file: File): Promise<Uint8Array> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch (error) {
    throw new Error(`${file.name} could not be read as an image (PNG, JPEG, WebP, GIF or BMP)`, {
      cause: error,
    });
  }
  try {
    return exampleFrom(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
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
      skipped === 1
        ? '1 file is not an image and was skipped.'
        : `${skipped} files are not images and were skipped.`,
    );
  const total = images.reduce((n, f) => n + f.file.size, 0);
  if (total > FILE_LIMITS.maxDropBytes || images.length > FILE_LIMITS.maxFiles)
    return {
      accepted: [],
      problems: [
        `That is ${images.length} images (${(total / 1e6).toFixed(0)} MB): at most ${FILE_LIMITS.maxFiles} images and ${FILE_LIMITS.maxDropBytes / 1e6} MB at a time. Nothing was added.`,
      ],
    };
  const big = images.filter((f) => f.file.size > FILE_LIMITS.maxFileBytes);
  for (const f of big)
    problems.push(`${f.file.name} is over ${FILE_LIMITS.maxFileBytes / 1e6} MB and was skipped.`);
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
  if (!zip.ok) return { files: [], problems: [`${zipName} was not read: ${zip.error}. Nothing was added.`] };
  const files = zip.files.map((f) => ({
    file: new File([f.data.slice()], f.name.split('/').pop() ?? f.name),
    className: classOfPath(f.name),
  }));
  return { files, problems: [] };
}
