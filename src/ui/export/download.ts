// Files leave the page as same-origin object URLs: nothing is uploaded, nothing is fetched.
import { sizeAndLimit } from '../../network/sizes';

/** Offers `bytes` as a download named `fileName`. */
export function downloadBytes(bytes: Uint8Array | string, fileName: string, type: string): void {
  const blob = new Blob([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], { type });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the blob once click() returns; revoke on the next turn so it can start.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** A picked file's bytes, refused by size before anything is read. */
export async function readPickedFile(file: File, maxBytes: number): Promise<Uint8Array> {
  if (file.size > maxBytes) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
    const [size, limit] = sizeAndLimit(file.size, maxBytes, mb);
    throw new Error(`the file is ${size}, more than the ${limit} allowed`);
  }
  return new Uint8Array(await file.arrayBuffer());
}
