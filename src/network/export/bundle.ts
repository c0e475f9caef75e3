// The "Export to PyTorch" download: one .zip with model.py, weights.safetensors, train.py (for the tasks
// it covers), a few test images, the .pt converter and a README saying what each file is for. Python and
// text are deflated; safetensors, float noise to deflate, are stored.
import type { Hyperparams } from '../hyper';
import { isUserDataset } from '../dataset-input';
import type { NetworkInput, NetworkSpec } from '../spec';
import { CONVERTER_NAME, exportConvertPy } from './convert-code';
import { datasetIdxFiles, type DatasetBytes } from './idx-write';
import {
  DATA_SOURCES,
  IDX_FILE_NAMES,
  TORCHVISION_DATASET,
  USER_DATA_SOURCE,
  USER_IDX_FILE_NAMES,
  dataName,
} from './python-data';
import { exportModelPy, planExport, type ModelPyOptions } from './pytorch-code';
import { pyText } from './python-syntax';
import { writeSafetensors } from './safetensors';
import type { LayerTensors } from './state-dict';
import { exportTrainPy } from './train-code';
import { isDenseTask } from '../dense';
import { exportWeights } from './weights-file';
import { writeZip, type ZipEntry } from './zip';

/** Test images as the network sees them before normalisation: count × C×H×W pixels in 0..1, and labels. */
export interface SampleImages {
  images: Float32Array;
  labels: ArrayLike<number>;
  /** [C, H, W]; default MNIST's [1, 28, 28]. */
  shape?: readonly number[];
}

export interface BundleOptions extends ModelPyOptions {
  samples?: SampleImages;
  /** A user dataset's images, written as IDX files into data/ for train.py (its own files nowhere else). */
  dataset?: DatasetBytes;
  /** Timestamp of the files in the zip; default 1980-01-01 so the same input gives the same bytes. */
  modified?: Date;
}

const TRAINABLE_IN_TRAIN_PY = new Set(['classification', 'reconstruction', 'segmentation', 'detection']);

/** samples.safetensors: images [N, C, H, W] and labels [N] (as F32, the format's plain dtype). */
export function exportSamples(samples: SampleImages): Uint8Array {
  const count = samples.labels.length;
  const shape = samples.shape ?? [1, 28, 28];
  const pixels = shape.reduce((a, b) => a * b, 1);
  if (samples.images.length !== count * pixels) {
    throw new Error(`samples: ${count} labels need ${count * pixels} pixels, got ${samples.images.length}`);
  }
  return writeSafetensors([
    { name: 'images', shape: [count, ...shape], data: samples.images },
    { name: 'labels', shape: [count], data: Float32Array.from(samples.labels) },
  ]);
}

/** How to run train.py, where its data comes from, and the converter: the same for every bundle. */
export function trainingNotes(input: NetworkInput, trainPy: boolean, scenes = false): string[] {
  const lines: string[] = [];
  if (trainPy && isUserDataset(input.dataset)) {
    lines.push(
      '',
      `train.py reads ${dataName(input)} from its four IDX files (MNIST's format, images [N, ${input.shape.join(', ')}])`,
      `in data/ beside it, or in the folder given with --data. This export holds them in data/; they come from`,
      `  ${USER_DATA_SOURCE}`,
      ...USER_IDX_FILE_NAMES.map((file) => `  ${file}`),
    );
  } else if (trainPy && scenes) {
    const { name, url } = DATA_SOURCES[input.dataset as keyof typeof DATA_SOURCES];
    lines.push(
      '',
      `train.py draws the playground's scenes from ${name}'s four IDX files (gzipped or not) in data/ beside`,
      'it, or in the folder given with --data. Get them from',
      `  ${url}`,
      ...IDX_FILE_NAMES.map((file) => `  ${file}`),
      'Step k trains on the same scenes as step k in the playground; --steps sets how many (default 1000),',
      '--device auto (default: cuda, else mps, else cpu), cuda, mps or cpu where to train.',
    );
  } else if (trainPy) {
    const dataset = input.dataset as keyof typeof DATA_SOURCES;
    const { name, url } = DATA_SOURCES[dataset];
    lines.push(
      '',
      `train.py reads ${name} from its four IDX files (gzipped or not) in data/ beside it, or in the folder`,
      `given with --data, also in torchvision's layout (data/${TORCHVISION_DATASET[dataset]}/raw/). Get them from`,
      `  ${url}`,
      ...IDX_FILE_NAMES.map((file) => `  ${file}`),
      'or, where torchvision is installed, let train.py fetch them: python3 train.py --download',
    );
  }
  if (trainPy && !scenes) {
    lines.push(
      '',
      'Devices: --device auto (default: cuda, else mps, else cpu), cuda, mps or cpu; --amp trains in mixed',
      'precision on CUDA. Several processes (one per GPU, or CPU cores):',
      '  torchrun --nproc_per_node=2 train.py',
      'Each process takes its share of every batch and DistributedDataParallel averages the gradients, so',
      "the run takes the same steps as one process. With Debian 12's python3-torch (PyTorch 1.13 on Python",
      "3.11), torchrun itself stops at start ('NoneType' object has no attribute 'get'); add",
      '--redirects 9:0 --tee 9:0 after torchrun to get past it.',
    );
  }
  lines.push(
    '',
    `${CONVERTER_NAME} turns a PyTorch .pt / .pth state_dict into a .safetensors file the playground loads`,
    `(it never opens .pt files itself): python3 ${CONVERTER_NAME} model.pt`,
  );
  return lines;
}

function readme(spec: NetworkSpec, className: string, files: string[]): string {
  const lines = [
    `${className}: "${pyText(spec.name)}" exported from CNN Playground.`,
    '',
    'model.py             the network as a PyTorch nn.Module, with load_weights() and a demo:',
    '                     python3 model.py',
    'weights.safetensors  its weights: the PyTorch state_dict as F32 safetensors',
  ];
  if (files.includes('samples.safetensors')) {
    lines.push('samples.safetensors  a few test images (pixels 0..1) and labels for the demo');
  }
  const trainPy = files.includes('train.py');
  if (trainPy) {
    lines.push("train.py             continues training with the playground's settings:");
    lines.push(
      '                     python3 train.py   -> trained.safetensors, which the playground can load',
    );
  }
  lines.push(`${CONVERTER_NAME.padEnd(21)}a PyTorch .pt checkpoint -> .safetensors for the playground`);
  if (files.some((f) => f.startsWith('data/')))
    lines.push('data/                your dataset as IDX files (pixels 0..255) for train.py');
  lines.push(...trainingNotes(spec.input, trainPy, isDenseTask(spec.task)));
  lines.push('', "Needs PyTorch only (e.g. Debian's python3-torch or pip install torch).", '');
  return lines.join('\n');
}

/** The zip of everything a student needs to run the design in PyTorch. */
export function exportBundle(
  spec: NetworkSpec,
  hyper: Hyperparams,
  weights: readonly LayerTensors[],
  options: BundleOptions = {},
): Uint8Array {
  const plan = planExport(spec, options);
  const text = (s: string) => new TextEncoder().encode(s);
  const entries: ZipEntry[] = [
    { name: 'model.py', data: text(exportModelPy(spec, options)), deflate: true },
    { name: 'weights.safetensors', data: exportWeights(spec, weights) },
  ];
  if (options.samples) entries.push({ name: 'samples.safetensors', data: exportSamples(options.samples) });
  if (TRAINABLE_IN_TRAIN_PY.has(plan.spec.task)) {
    entries.push({ name: 'train.py', data: text(exportTrainPy(spec, hyper, options)), deflate: true });
  }
  if (options.dataset && isUserDataset(spec.input.dataset)) entries.push(...datasetIdxFiles(options.dataset));
  entries.push({ name: CONVERTER_NAME, data: text(exportConvertPy()), deflate: true });
  const names = entries.map((e) => e.name);
  entries.push({ name: 'README.txt', data: text(readme(spec, plan.className, names)), deflate: true });
  return writeZip(entries, options.modified);
}
