// The datasets the playground ships, read from datasets.json (shared with scripts/prepare-data.mjs), and
// the manifest.json that script writes next to the files (sizes and checksums of what it produced).
import catalogue from './datasets.json';
import type { IdxKind } from './idx';

export type DatasetId = 'mnist' | 'fashion-mnist';
export type FileRole = 'trainImages' | 'trainLabels' | 'testImages' | 'testLabels';
export type Split = 'train' | 'test';

export const FILE_ROLES: readonly FileRole[] = ['trainImages', 'trainLabels', 'testImages', 'testLabels'];

export const ROLE_KIND: Readonly<Record<FileRole, IdxKind>> = {
  trainImages: 'images',
  trainLabels: 'labels',
  testImages: 'images',
  testLabels: 'labels',
};

export interface DatasetInfo {
  id: string;
  name: string;
  rows: number;
  cols: number;
  classNames: readonly string[];
  /** Expected examples per split; a file announcing another count is refused. Omit for ad-hoc datasets. */
  counts?: { train: number; test: number };
  /** Paths of the four files relative to the data base URL, e.g. 'mnist/train-images-idx3-ubyte.gz'. */
  files: Readonly<Record<FileRole, string>>;
  /** Where the data comes from and how it was split and ordered (for the README and the UI). */
  source: string;
  split: string;
}

export const DATASETS: readonly DatasetInfo[] = catalogue.datasets.map((d) => ({
  ...d,
  files: Object.fromEntries(FILE_ROLES.map((role) => [role, `${d.id}/${catalogue.files[role]}`])) as Record<
    FileRole,
    string
  >,
}));

export function getDatasetInfo(id: string): DatasetInfo {
  const info = DATASETS.find((d) => d.id === id);
  if (!info) {
    throw new Error(`unknown dataset "${id}"; known datasets: ${DATASETS.map((d) => d.id).join(', ')}`);
  }
  return info;
}

export interface ManifestFile {
  /** Relative to the data base URL. */
  path: string;
  kind: IdxKind;
  count: number;
  /** Size of the .gz file. */
  bytes: number;
  /** Size of the decompressed IDX file. */
  rawBytes: number;
  /** SHA-256 (hex) of the .gz file. */
  sha256: string;
  /** SHA-256 (hex) of the decompressed IDX file: what a browser reads where the host sends Content-Encoding. */
  rawSha256: string;
}

export interface ManifestDataset extends Omit<DatasetInfo, 'files'> {
  files: Record<FileRole, ManifestFile>;
}

export interface DataManifest {
  format: number;
  datasets: ManifestDataset[];
}

/** Fetches and checks `${baseUrl}/manifest.json`; throws an Error saying what is wrong with it. */
export async function loadManifest(
  baseUrl: string,
  options: { fetch?: typeof fetch; signal?: AbortSignal } = {},
): Promise<DataManifest> {
  const url = `${baseUrl.replace(/\/$/, '')}/manifest.json`;
  const response = await (options.fetch ?? globalThis.fetch)(url, { signal: options.signal });
  if (!response.ok) throw new Error(`dataset manifest ${url} could not be fetched (HTTP ${response.status})`);
  const manifest = (await response.json().catch(() => null)) as Partial<DataManifest> | null;
  if (!manifest) throw new Error(`dataset manifest ${url} is missing or not JSON (run npm run prepare-data)`);
  if (!Array.isArray(manifest.datasets) || manifest.datasets.some((d) => !hasAllFiles(d))) {
    throw new Error(`dataset manifest ${url} is malformed: expected datasets with four files each`);
  }
  return manifest as DataManifest;
}

function hasAllFiles(d: Partial<ManifestDataset> | null): boolean {
  return FILE_ROLES.every((role) => typeof d?.files?.[role]?.bytes === 'number');
}
