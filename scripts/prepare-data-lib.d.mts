// Types of prepare-data-lib.mjs, for the TypeScript tests.
export declare const MANIFEST_FORMAT: number;

export interface CatalogueEntry {
  id: string;
  name: string;
  rows: number;
  cols: number;
  classNames: string[];
  counts: { train: number; test: number };
  source: string;
  split: string;
}

export interface Catalogue {
  files: Record<'trainImages' | 'trainLabels' | 'testImages' | 'testLabels', string>;
  datasets: CatalogueEntry[];
}

export interface Source {
  type: 'idx' | 'class-json';
  dir: string;
  version: string;
}

export interface ManifestFile {
  path: string;
  kind: 'images' | 'labels';
  count: number;
  bytes: number;
  rawBytes: number;
  sha256: string;
  rawSha256: string;
}

export interface Manifest {
  format: number;
  datasets: (CatalogueEntry & {
    sourceVersion: string;
    files: Record<keyof Catalogue['files'], ManifestFile>;
  })[];
}

export declare function prepareData(options: {
  catalogue: Catalogue;
  sources: Record<string, Source>;
  outDir: string;
  log?: (line: string) => void;
}): Promise<Manifest>;
