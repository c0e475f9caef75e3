// An image file decoded and drawn at the dataset's size off the page: createImageBitmap reads PNG, JPEG,
// WebP, GIF and BMP in a worker, and an OffscreenCanvas scales and reads back its pixels.
import { tr } from '../../../i18n';
import { exampleOnCanvas } from '../images';
import type { ImageShape } from '../image-shape';

/** True where this worker can draw images (OffscreenCanvas with a 2D context). */
export const canDrawOffscreen = () => typeof OffscreenCanvas !== 'undefined';

/** `file` decoded and made an example of `shape`; the error names the file and what it must hold. */
export async function decodeImage(file: File, shape: ImageShape): Promise<Uint8Array> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch (error) {
    throw new Error(tr('ui:images.couldNotBeRead', { name: file.name }), { cause: error });
  }
  try {
    const ctx = new OffscreenCanvas(shape[2], shape[1]).getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error(tr('ui:images.thisBrowserGaveNo'));
    return exampleOnCanvas(ctx, bitmap, bitmap.width, bitmap.height, shape);
  } finally {
    bitmap.close();
  }
}
