// Types of heap-diff.mjs, for the TypeScript callers.
export type ByConstructor = Map<string, { count: number; bytes: number }>;
export declare function perConstructor(snapshot: unknown): ByConstructor;
export declare function growth(
  a: ByConstructor,
  b: ByConstructor,
  top?: number,
): { name: string; count: number; bytes: number }[];
export declare function pageHeapByConstructor(page: unknown): Promise<ByConstructor>;
export declare function growthSummary(
  a: ByConstructor,
  b: ByConstructor,
): {
  compiledCodeBytes: number;
  outsideHeapBytes: number;
  jsObjectBytes: number;
  largest: { name: string; count: number; bytes: number }[];
};
