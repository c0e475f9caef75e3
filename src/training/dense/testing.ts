// Test support for the dense tasks: a scene stream over real MNIST, a preset resized to a scene side, and
// a training loop with its test figures, the same on both engines.
import type { SceneOptions, SceneSource } from '../../data/scenes';
import type { HostDataset } from '../backend';
import { emptyHostDataset, streamDataset } from '../host-dataset';
import { diskFetch } from '../testing/harness';
import { presetSpec, type PresetId } from '../../network/presets';
import type { SceneSettings } from '../../network/dense';
import type { NetworkSpec } from '../../network/spec';
import { sceneBatch, type DenseLayout, type SceneStream } from './batches';
import type { DenseEngine } from './engine';
import { detectionFigures, detectionsOf, segmentationFigures } from './metrics';

/** Real MNIST on the host, from public/data on disk (no GPU module is loaded, so CPU tests can use it). */
export async function loadMnist(): Promise<HostDataset> {
  const host = emptyHostDataset();
  const ok = await streamDataset('mnist', 'data', diskFetch, host, {
    onRecords: () => undefined,
    emit: (event) => {
      if (event.type === 'datasetError') throw new Error(event.message);
    },
  });
  if (!ok) throw new Error('MNIST did not load from public/data');
  return host;
}

export function sourceOf(host: HostDataset, split: 'train' | 'test'): SceneSource {
  const s = host[split];
  return { images: s.images, labels: s.labels, count: s.available };
}

export function streamOf(host: HostDataset, options: SceneOptions, seed: number): SceneStream {
  return { source: (split) => sourceOf(host, split), options, seed };
}

/** A dense preset reading `side`×`side` scenes drawn with `scene`. */
export function presetAt(id: PresetId, side: number, scene: SceneSettings): NetworkSpec {
  const spec = presetSpec(id);
  return { ...spec, input: { ...spec.input, shape: [1, side, side] }, scene };
}

/** Optimizer steps [first, first + steps) on their training scenes, in order; the mean loss of each `every` steps. */
export async function trainSteps(
  engine: DenseEngine,
  stream: SceneStream,
  layout: DenseLayout,
  steps: number,
  every = 100,
  first = 0,
): Promise<number[]> {
  const losses: number[] = [];
  for (let step = first; step < first + steps; step++) {
    engine.step(sceneBatch(stream, layout, 'train', step * engine.batch, engine.batch), step);
    await engine.settle();
    if ((step + 1 - first) % every === 0) {
      const sums = await engine.takeSums();
      losses.push(sums.loss / sums.samples);
    }
  }
  return losses;
}

/** Test figures over test scenes [0, count): mean IoU and pixel accuracy, or mAP at IoU 0.5. */
export async function testFigures(
  engine: DenseEngine,
  stream: SceneStream,
  layout: DenseLayout,
  count: number,
) {
  const test = sceneBatch(stream, layout, 'test', 0, count);
  if (layout.task === 'segmentation') {
    const r = await engine.segment(test.inputs, test.labels!, count, 0);
    return { ...segmentationFigures(r.confusion, engine.desc.outputShape[0]), mAP: NaN };
  }
  const decoded = await engine.detect(test.inputs, count);
  const cells = layout.grid * layout.grid;
  const detections = test.scenes.map((_, i) => detectionsOf(decoded, i, cells));
  const figures = detectionFigures(
    detections,
    test.scenes.map((s) => s.boxes),
    10,
  );
  return { meanIoU: NaN, pixelAccuracy: NaN, mAP: figures.meanAP, classAP: figures.classAP };
}
