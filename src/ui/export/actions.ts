// What the Export and Import menus do. Each action reads the store, builds or checks bytes with the
// network module's pure functions and reports one line in the notice bar. Imports are checked in full
// before anything changes, so a refused file leaves the design and the weights as they were.
import { tr } from '../../i18n';
import type { StoreApi } from 'zustand';
import {
  absurdTensor,
  absurdWeightsWarning,
  exportBundle,
  exportGanBundle,
  exportModelPy,
  ganCondition,
  exportWeights,
  importWeights,
  ONNX_OPSET,
  type LayerTensors,
} from '../../network/export';
import {
  MAX_PROJECT_BYTES,
  nonFiniteTensor,
  PROJECT_MIME,
  projectFileName,
  readProject,
  writeProject,
} from '../../network/project';
import { DCGAN_HYPER } from '../../network/hyper';
import { CGAN_HYPER } from '../../network/cgan-presets';
import type { NetworkSpec } from '../../network/spec';
import type { LayerSnapshot } from '../../training/protocol';
import { analysisOf, blockingReason } from '../builder/useAnalysis';
import { savedDesign } from '../store/network-slice';
import type { AppState } from '../store/store';
import { downloadBytes, readPickedFile } from './download';
import { fromProjectData, splitForTraining, toProjectData } from '../mydata/my-data';
import { isUserDataset } from '../../network/dataset-input';
import { isGenerative, sessionWeights, setSessionWeights } from './generative';
import { denseWeights, setDenseWeights } from './dense';
import { isDenseTask } from '../../network/dense';
import { samplesFromGallery, snapshotMismatch, toSnapshot } from './weights';

type Store = StoreApi<AppState>;

/** The user's data when the design reads it (it then travels in project files and PyTorch exports). */
const myDataOf = (s: AppState) => (s.myData && s.spec.input.dataset === s.myData.id ? s.myData : null);

const SAMPLE_COUNT = 8;
const MAX_WEIGHTS_BYTES = 64 * 1024 * 1024;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The worker's current weights, checked against the design on screen (a generative design's come from
 *  the generative session; of a GAN, those of the network in the builder). */
export async function trainedWeights(store: Store): Promise<LayerSnapshot[]> {
  const { client, spec } = store.getState();
  const blocked = blockingReason(analysisOf(spec));
  if (blocked) throw new Error(blocked);
  if (!client) throw new Error(tr('ui:actions.theTrainerHasNot'));
  if (isDenseTask(spec.task)) return denseWeights(client, spec);
  if (isGenerative(spec)) {
    const weights = await sessionWeights(client, savedDesign(store.getState()));
    return spec.task === 'discriminator' ? (weights.discriminator ?? []) : weights.layers;
  }
  const layers = await client.snapshot('weights');
  const mismatch = snapshotMismatch(spec, layers);
  if (mismatch) throw new Error(mismatch);
  return layers;
}

/** Runs an export; a failure becomes the notice `Export failed: ...`. */
async function exporting(store: Store, make: () => Promise<string>): Promise<void> {
  try {
    store.getState().setNotice(await make());
  } catch (error) {
    store.getState().setNotice(tr('ui:actions.exportFailed', { error: message(error) }));
  }
}

/** A GAN exports as one zip: generator/ and discriminator/ (model.py and weights each) and one train.py. */
async function exportGanZip(
  store: Store,
  generator: NetworkSpec,
  discriminator: NetworkSpec,
): Promise<string> {
  const { client, hyper: stored } = store.getState();
  for (const spec of [generator, discriminator]) {
    const blocked = blockingReason(analysisOf(spec));
    if (blocked)
      throw new Error(
        tr('ui:actions.taskBlocked', { task: tr(`network:task.${spec.task}`), reason: blocked }),
      );
  }
  if (!client) throw new Error(tr('ui:actions.theTrainerHasNot'));
  const weights = await sessionWeights(client, { spec: generator, discriminator });
  // A conditional pair trains at its preset's rate (cgan-presets.ts).
  const gan = ganCondition(discriminator) > 0 ? CGAN_HYPER : DCGAN_HYPER;
  const hyper = { ...stored, ...gan, seed: stored.seed };
  const name = projectFileName(generator, '-gan-pytorch.zip');
  downloadBytes(
    exportGanBundle(
      { spec: generator, hyper, weights: weights.layers },
      { spec: discriminator, hyper, weights: weights.discriminator ?? [] },
      { modified: new Date() },
    ),
    name,
    'application/zip',
  );
  return tr('ui:actions.exportedGeneratorAndDiscriminator', { name });
}

export function exportPytorchZip(store: Store): Promise<void> {
  return exporting(store, async () => {
    const gan = savedDesign(store.getState());
    if (gan.discriminator) return exportGanZip(store, gan.spec, gan.discriminator);
    const { spec, hyper, gallery } = store.getState();
    const weights = await trainedWeights(store);
    const samples = spec.task === 'classification' ? samplesFromGallery(gallery, SAMPLE_COUNT) : undefined;
    const name = projectFileName(spec, '-pytorch.zip');
    const mine = myDataOf(store.getState());
    const split = mine ? splitForTraining(mine) : null;
    const dataset = split ? { shape: spec.input.shape, train: split.train, test: split.test } : undefined;
    downloadBytes(
      exportBundle(spec, hyper, weights, { samples, dataset, modified: new Date() }),
      name,
      'application/zip',
    );
    const images = samples ? tr('ui:actions.andTestImages', { labels: samples.labels.length }) : '';
    return tr('ui:actions.exportedModelPyWeights', { name, images });
  });
}

export function downloadModelPy(store: Store): Promise<void> {
  return exporting(store, async () => {
    downloadBytes(exportModelPy(store.getState().spec), 'model.py', 'text/x-python');
    return tr('ui:actions.downloadedModelPyThe');
  });
}

export function downloadWeights(store: Store): Promise<void> {
  return exporting(store, async () => {
    const spec = store.getState().spec;
    const bytes = exportWeights(spec, await trainedWeights(store));
    downloadBytes(bytes, 'weights.safetensors', 'application/octet-stream');
    return tr('ui:actions.downloadedWeightsSafetensorsThe');
  });
}

/** model.onnx: the design on screen with its current weights, for onnxruntime, Netron and other tools. */
export function downloadOnnx(store: Store): Promise<void> {
  return exporting(store, async () => {
    const spec = store.getState().spec;
    // Loaded on use: the ONNX writer brings protobufjs, which the first screen does not need.
    const { exportOnnx, onnxBlocker } = await import('../../network/export/onnx/export');
    const blocked = onnxBlocker(spec);
    if (blocked) throw new Error(blocked);
    const bytes = exportOnnx(spec, await trainedWeights(store));
    downloadBytes(bytes, 'model.onnx', 'application/octet-stream');
    return tr('ui:actions.downloadedModelOnnxOnnx', { ONNX_OPSET });
  });
}

export function exportProject(store: Store): Promise<void> {
  return exporting(store, async () => {
    const { spec, hyper } = store.getState();
    // Only a design that can be built is saved (an import would refuse anything else); one the trainer
    // holds no model for (yet) is saved without weights, and the notice says why.
    const blocked = blockingReason(analysisOf(spec));
    if (blocked) throw new Error(blocked);
    let weights: LayerSnapshot[] | undefined;
    let without = '';
    try {
      weights = await trainedWeights(store);
    } catch (error) {
      without = tr('ui:actions.withoutWeights', { error: message(error) });
    }
    const name = projectFileName(spec);
    const mine = myDataOf(store.getState());
    const data = mine ? toProjectData(mine) : undefined;
    downloadBytes(writeProject({ spec, hyper, weights, data }), name, PROJECT_MIME);
    const withData = mine
      ? tr('ui:actions.withExamples', { name: mine.name, labels: data!.labels.length })
      : '';
    return weights
      ? tr('ui:actions.savedTheDesignIts', { name, withData })
      : tr('ui:actions.savedTheDesignAnd', { name, withData, without });
  });
}

/**
 * Sends checked weights to the worker; the curves and predictions of the previous weights are cleared, the
 * model re-tested, and every view of the model's output (the draw pad, the inspect views) told to ask
 * again, so what the page shows is the loaded model's own.
 */
async function loadIntoTrainer(store: Store, weights: readonly LayerTensors[]): Promise<void> {
  const { client, spec } = store.getState();
  if (!client) throw new Error(tr('ui:actions.theTrainerHasNot'));
  if (isDenseTask(spec.task)) {
    await setDenseWeights(client, toSnapshot(spec, weights));
    store.getState().weightsReplaced();
    return;
  }
  if (isGenerative(spec)) {
    // The generative session holds these weights; a GAN half is loaded beside the other half's current ones.
    const layers = toSnapshot(spec, weights);
    if (spec.task === 'reconstruction') await setSessionWeights(client, { layers });
    else {
      const current = await sessionWeights(client, savedDesign(store.getState()));
      await setSessionWeights(
        client,
        spec.task === 'discriminator' ? { ...current, discriminator: layers } : { ...current, layers },
      );
    }
    store.getState().weightsReplaced();
    return;
  }
  await client.setWeights(toSnapshot(spec, weights));
  store.getState().clearMetrics();
  store.getState().weightsReplaced();
  if (store.getState().dataset.phase === 'ready') client.evaluate();
}

export async function importProjectFile(store: Store, file: File): Promise<void> {
  const { setNotice } = store.getState();
  let read: ReturnType<typeof readProject>;
  try {
    read = readProject(await readPickedFile(file, MAX_PROJECT_BYTES));
  } catch (error) {
    read = { ok: false, error: message(error) };
  }
  if (!read.ok) {
    setNotice(tr('ui:actions.projectNotImportedNothing', { error: read.error }));
    return;
  }
  const { spec, hyper, weights, createdAt, data } = read.project;
  // The project's own data first, so the design that reads it finds it.
  const shape = spec.input.shape;
  if (data && isUserDataset(spec.input.dataset) && shape.length === 3)
    store.getState().adoptMyData(fromProjectData(spec.input.dataset, data, shape));
  // Hyperparameters first, so the worker builds the new design once, with its batch size.
  store.getState().setHyper(hyper);
  store.getState().loadSpec(spec);
  const saved = createdAt.slice(0, 10);
  if (!weights) {
    setNotice(tr('ui:actions.importedSavedItHolds', { name: spec.name, saved }));
    return;
  }
  try {
    const warning = absurdWarning(spec, weights);
    await loadIntoTrainer(store, weights);
    setNotice(tr('ui:actions.importedSavedWithIts', { name: spec.name, saved, warning }));
  } catch (error) {
    setNotice(tr('ui:actions.importedTheDesignBut', { name: spec.name, error: message(error) }));
  }
}

/**
 * Checks safetensors `bytes` against the design on screen in full, then loads them into the trainer; throws
 * the reason (a mismatched tensor named) before anything changes. Files and browser-kept weights share it.
 * Resolves with a warning to add to the notice when the weights are finite but absurdly large, else "".
 */
export async function loadWeightBytes(store: Store, bytes: Uint8Array): Promise<string> {
  const { spec } = store.getState();
  const blocked = blockingReason(analysisOf(spec));
  if (blocked) throw new Error(blocked);
  const mapped = importWeights(spec, bytes);
  if (!mapped.ok) throw new Error(mapped.error);
  const bad = nonFiniteTensor(spec, mapped.weights);
  if (bad) throw new Error(bad);
  // Measured before the arrays are transferred to the worker.
  const warning = absurdWarning(spec, mapped.weights);
  await loadIntoTrainer(store, mapped.weights);
  return warning;
}

/** " Warning: ..." when finite weights are of a size training never makes, else "". */
function absurdWarning(spec: NetworkSpec, weights: readonly LayerTensors[]): string {
  const found = absurdTensor(spec, weights);
  return found ? ` ${absurdWeightsWarning(found)}` : '';
}

export async function loadWeightsFile(store: Store, file: File): Promise<void> {
  const { setNotice } = store.getState();
  let warning: string;
  try {
    warning = await loadWeightBytes(store, await readPickedFile(file, MAX_WEIGHTS_BYTES));
  } catch (error) {
    setNotice(tr('ui:actions.weightsNotLoadedNothing', { error: message(error) }));
    return;
  }
  setNotice(tr('ui:actions.loadedTheWeightsOf', { name: file.name.slice(0, 80), warning }));
}
