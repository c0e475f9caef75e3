// The public face of data/: what training/ and the UI import.
export { DATASETS, FILE_ROLES, getDatasetInfo, loadManifest } from './catalog';
export type { DataManifest, DatasetId, DatasetInfo, FileRole, ManifestFile, Split } from './catalog';
export { loadDataset } from './dataset';
export type { Dataset, DatasetProgress, DatasetSplit, LoadDatasetOptions, SplitAvailable } from './dataset';
export {
  DatasetError,
  DatasetGzipError,
  DatasetHttpError,
  DatasetMismatchError,
  DatasetNetworkError,
  IdxFormatError,
  datasetErrorInfo,
} from './errors';
export type { DatasetErrorCode, DatasetErrorInfo } from './errors';
export { IDX_MAGIC, IdxParser, parseIdx } from './idx';
export type { IdxHeader, IdxKind, IdxRecords } from './idx';
export { loadIdxFile } from './stream';
export type { FileProgress, IdxFile, LoadIdxOptions } from './stream';
