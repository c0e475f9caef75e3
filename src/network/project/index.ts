// Public face of project files (.cnnp): one file with the design, hyperparameters and trained weights.
export {
  MANIFEST_ENTRY,
  PROJECT_FORMAT,
  PROJECT_VERSION,
  WEIGHTS_ENTRY,
  type ProjectManifest,
} from './manifest';
export {
  MAX_PROJECT_BYTES,
  PROJECT_EXTENSION,
  PROJECT_MIME,
  nonFiniteTensor,
  projectFileName,
  readProject,
  writeProject,
  type ProjectContents,
  type ProjectRead,
  type ReadProjectOptions,
} from './project';
export { DATA_ENTRIES, type ProjectData } from './project-data';
export { readZip, type ZipFile, type ZipRead, type ZipReadOptions } from './zip-read';
