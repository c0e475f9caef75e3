// A project file (.cnnp): a ZIP (written stored, read stored or deflated) holding project.json (design, hyperparameters, dataset, time
// saved) and, when the model was trained, weights.safetensors (PyTorch state_dict names, F32). Reading
// checks everything before returning anything, so a refused file changes nothing in the app.
import { analyzeSpec } from '../analyze';
import { exportWeights, importWeights } from '../export/weights-file';
import { moduleNames, type LayerTensors } from '../export/state-dict';
import { writeZip, type ZipEntry } from '../export/zip';
import type { Hyperparams } from '../hyper';
import type { MemoryLimits } from '../memory';
import { sizeAndLimit } from '../sizes';
import type { NetworkSpec } from '../spec';
import { MANIFEST_ENTRY, manifestText, parseManifest, WEIGHTS_ENTRY, type ProjectManifest } from './manifest';
import { readZip } from './zip-read';
import { DATA_ENTRIES, dataEntries, readProjectData, type ProjectData } from './project-data';

export const PROJECT_EXTENSION = '.cnnp';
export const PROJECT_MIME = 'application/x-cnn-playground-project';
const MB = 1024 * 1024;
/** Largest project file read: LeNet-5 with weights is about 250 KB; the schema's largest design fits too. */
export const MAX_PROJECT_BYTES = 64 * MB;

export interface ProjectContents {
  spec: NetworkSpec;
  hyper: Hyperparams;
  /** Per-layer tensors named as the trainer's weight snapshots; absent for an untrained project. */
  weights?: readonly LayerTensors[];
  /** Saved-at time; default now. */
  createdAt?: Date;
  /** The user's dataset the design reads, carried along so the project trains anywhere. */
  data?: ProjectData;
}

export interface ReadProjectOptions {
  /** Refuse files longer than this (default MAX_PROJECT_BYTES). */
  maxBytes?: number;
  /** Device limits for the memory guard (default: the network module's DEFAULT_LIMITS). */
  limits?: Partial<MemoryLimits>;
}

export type ProjectRead =
  | {
      ok: true;
      project: Omit<ProjectManifest, 'hasWeights'> & {
        weights: LayerTensors[] | null;
        data: ProjectData | null;
      };
    }
  | { ok: false; error: string };

/** The bytes of a .cnnp file; throws when the weights do not fit the design (a caller bug, not user input). */
export function writeProject(contents: ProjectContents): Uint8Array {
  const { spec, hyper, weights } = contents;
  const when = contents.createdAt ?? new Date();
  const manifest = manifestText({
    spec,
    hyper,
    dataset: spec.input.dataset,
    createdAt: when.toISOString(),
    hasWeights: weights !== undefined,
  });
  const entries: ZipEntry[] = [{ name: MANIFEST_ENTRY, data: new TextEncoder().encode(manifest) }];
  if (weights) entries.push({ name: WEIGHTS_ENTRY, data: exportWeights(spec, weights) });
  if (contents.data) entries.push(...dataEntries(spec, contents.data));
  // Stored, not deflated: the float weights would barely shrink, and app versions before deflate support
  // read only stored archives.
  return writeZip(entries, when);
}

function megabytes(n: number): string {
  return `${(n / MB).toFixed(1)} MB`;
}

/** Reads and checks a .cnnp file: size, archive structure, CRCs, project.json, the design and the weights. */
export function readProject(bytes: Uint8Array, options: ReadProjectOptions = {}): ProjectRead {
  const fail = (error: string): ProjectRead => ({ ok: false, error });
  const maxBytes = options.maxBytes ?? MAX_PROJECT_BYTES;
  if (bytes.length > maxBytes) {
    const [size, limit] = sizeAndLimit(bytes.length, maxBytes, megabytes);
    return fail(`the file is ${size}, more than the ${limit} a project may be`);
  }
  if (bytes.length === 0) return fail('the file is empty');
  // A project re-zipped by the user's own tools imports too: deflated entries, folder entries, and the
  // __MACOSX/ metadata that macOS adds are fine; anything else beside the two files is refused below.
  const zip = readZip(bytes, {
    maxEntries: 8,
    maxNameBytes: 64,
    maxEntryBytes: maxBytes,
    maxTotalBytes: maxBytes + MB,
    skip: (name) => name.startsWith('__MACOSX/'),
  });
  if (!zip.ok) return fail(`this is not a CNN Playground project file: ${zip.error}`);
  const known = new Set<string>([MANIFEST_ENTRY, WEIGHTS_ENTRY, ...Object.values(DATA_ENTRIES)]);
  for (const file of zip.files) {
    if (!known.has(file.name))
      return fail(`the project holds an unexpected file "${file.name.slice(0, 60)}"`);
  }
  const manifestFile = zip.files.find((f) => f.name === MANIFEST_ENTRY);
  if (!manifestFile) return fail(`this is not a CNN Playground project file: it has no ${MANIFEST_ENTRY}`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(manifestFile.data);
  } catch {
    return fail(`${MANIFEST_ENTRY} is not UTF-8 text`);
  }
  const manifest = parseManifest(text);
  if (!manifest.ok) return fail(manifest.error);
  const { spec, hyper, dataset, createdAt, hasWeights } = manifest.value;

  // A project is a whole, buildable model: shape errors and the memory guard refuse it here.
  const analysis = analyzeSpec(spec, { batchSize: hyper.batchSize, limits: options.limits });
  const problem = analysis.issues.find((i) => i.severity === 'error');
  if (problem) return fail(`the project's design cannot be built: ${problem.message}`);

  const weightsFile = zip.files.find((f) => f.name === WEIGHTS_ENTRY);
  if (hasWeights !== (weightsFile !== undefined)) {
    return fail(
      hasWeights
        ? `project.json lists ${WEIGHTS_ENTRY} but the file does not hold it`
        : `the file holds ${WEIGHTS_ENTRY} but project.json does not list it`,
    );
  }
  let weights: LayerTensors[] | null = null;
  if (weightsFile) {
    const mapped = importWeights(spec, weightsFile.data, { maxBytes });
    if (!mapped.ok) return fail(`the project's weights do not fit its design: ${mapped.error}`);
    const bad = nonFiniteTensor(spec, mapped.weights);
    if (bad) return fail(`the project's weights are damaged: ${bad}`);
    weights = mapped.weights;
  }
  const data = readProjectData(spec, zip.files);
  if (!data.ok) return data;
  return { ok: true, project: { spec, hyper, dataset, createdAt, weights, data: data.data } };
}

/** Names the first tensor holding NaN or ±Infinity (a diverged or damaged model), or null. */
export function nonFiniteTensor(spec: NetworkSpec, weights: readonly LayerTensors[]): string | null {
  const names = moduleNames(spec.layers);
  for (const layer of weights) {
    for (const t of layer.tensors) {
      if (!t.data.every(Number.isFinite))
        return `tensor "${names[layer.layerIndex]}.${t.name}" holds NaN or infinite values`;
    }
  }
  return null;
}

/** "lenet-5.cnnp" from the design's name: letters, digits and dashes only. */
export function projectFileName(spec: NetworkSpec, extension = PROJECT_EXTENSION): string {
  const stem = spec.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return `${stem || 'network'}${extension}`;
}
