// Types of idx-write.mjs, for the TypeScript tests.
export type IdxKind = 'images' | 'labels';
export declare const IDX_MAGIC: Record<IdxKind, number>;
export declare function idxHeader(kind: IdxKind, count: number, rows?: number, cols?: number): Uint8Array;
export declare function encodeIdx(
  kind: IdxKind,
  records: Uint8Array,
  count: number,
  rows?: number,
  cols?: number,
): Uint8Array;
export declare function checkIdx<T extends Uint8Array>(
  bytes: T,
  kind: IdxKind,
  expected: { count: number; rows?: number; cols?: number; file?: string },
): T;
export declare function classImages(
  json: unknown,
  options: { perClass: number; pixels?: number; file?: string },
): { images: Uint8Array; dropped: number };
export declare function interleaveClasses(
  classes: Uint8Array[],
  from: number,
  perClass: number,
  pixels?: number,
): { images: Uint8Array; labels: Uint8Array };
