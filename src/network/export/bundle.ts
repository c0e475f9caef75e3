// The "Export to PyTorch" download: one .zip with model.py, weights.safetensors, train.py (for the tasks
// it covers), a few test images, the .pt converter and a README saying what each file is for. Python and
// text are deflated; safetensors, float noise to deflate, are stored.
import { tr } from '../../i18n';
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
      tr('export:readme.userData1', { name: dataName(input), shape: input.shape.join(', ') }),
      tr('export:readme.userData2'),
      `  ${USER_DATA_SOURCE}`,
      ...USER_IDX_FILE_NAMES.map((file) => `  ${file}`),
    );
  } else if (trainPy && scenes) {
    const { name, url } = DATA_SOURCES[input.dataset as keyof typeof DATA_SOURCES];
    lines.push(
      '',
      tr('export:readme.scenes1', { name }),
      tr('export:readme.scenes2'),
      `  ${url}`,
      ...IDX_FILE_NAMES.map((file) => `  ${file}`),
      tr('export:readme.scenes3'),
      tr('export:readme.scenes4'),
    );
  } else if (trainPy) {
    const dataset = input.dataset as keyof typeof DATA_SOURCES;
    const { name, url } = DATA_SOURCES[dataset];
    lines.push(
      '',
      tr('export:readme.builtin1', { name }),
      tr('export:readme.builtin2', { folder: TORCHVISION_DATASET[dataset] }),
      `  ${url}`,
      ...IDX_FILE_NAMES.map((file) => `  ${file}`),
      tr('export:readme.builtin3'),
    );
  }
  if (trainPy && !scenes) {
    lines.push(
      '',
      tr('export:readme.devices1'),
      tr('export:readme.devices2'),
      '  torchrun --nproc_per_node=2 train.py',
      tr('export:readme.ddp1'),
      tr('export:readme.ddp2'),
      tr('export:readme.ddp3'),
      tr('export:readme.ddp4'),
    );
  }
  lines.push(
    '',
    tr('export:readme.convert1', { converter: CONVERTER_NAME }),
    tr('export:readme.convert2', { converter: CONVERTER_NAME }),
  );
  return lines;
}

function readme(spec: NetworkSpec, className: string, files: string[]): string {
  const lines = [
    tr('export:readme.title', { className, name: pyText(spec.name) }),
    '',
    tr('export:readme.modelPy'),
    '                     python3 model.py',
    tr('export:readme.weights'),
  ];
  if (files.includes('samples.safetensors')) {
    lines.push(tr('export:readme.samples'));
  }
  const trainPy = files.includes('train.py');
  if (trainPy) {
    lines.push(tr('export:readme.trainPy'));
    lines.push(tr('export:readme.trainRun'));
  }
  lines.push(`${CONVERTER_NAME.padEnd(21)}${tr('export:readme.converter')}`);
  if (files.some((f) => f.startsWith('data/'))) lines.push(tr('export:readme.data'));
  lines.push(...trainingNotes(spec.input, trainPy, isDenseTask(spec.task)));
  lines.push('', tr('export:readme.needs'), '');
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
