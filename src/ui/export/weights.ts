// Between the trainer's weight snapshots and the export module's per-layer tensors: what the worker has
// is checked against the design on screen, and test images become the bundle's samples.
import { tr } from '../../i18n';
import { stateDictTensors, type LayerTensors, type SampleImages } from '../../network/export';
import type { NetworkSpec } from '../../network/spec';
import type { GalleryItem, LayerSnapshot } from '../../training/protocol';

/** null when `layers` hold every tensor of `spec` with its shape, else why not. */
export function snapshotMismatch(spec: NetworkSpec, layers: readonly LayerTensors[]): string | null {
  try {
    stateDictTensors(spec, layers);
    return null;
  } catch (error) {
    return tr('ui:weights.theTrainedModelDoes', {
      value: error instanceof Error ? error.message : String(error),
    });
  }
}

/** Imported tensors as the setWeights request carries them (the layer kind added from the design). */
export function toSnapshot(spec: NetworkSpec, weights: readonly LayerTensors[]): LayerSnapshot[] {
  return weights.map((w) => ({
    layerIndex: w.layerIndex,
    kind: spec.layers[w.layerIndex].kind,
    tensors: w.tensors.map((t) => ({ name: t.name, shape: [...t.shape], data: t.data })),
  }));
}

/** Up to `count` gallery test images (pixels 0..255 → 0..1) with their labels, for model.py's demo. */
export function samplesFromGallery(items: readonly GalleryItem[], count: number): SampleImages | undefined {
  const chosen = items.filter((it) => it.image.length === 784).slice(0, count);
  if (chosen.length === 0) return undefined;
  const images = new Float32Array(chosen.length * 784);
  chosen.forEach((it, i) => {
    for (let p = 0; p < 784; p++) images[i * 784 + p] = it.image[p] / 255;
  });
  return { images, labels: chosen.map((it) => it.label) };
}
