import { describe, expect, it } from 'vitest';
import { importWeights, exportWeights } from '../../network/export';
import { randomWeights } from '../../network/export/testing/random-weights';
import { presetSpec } from '../../network/presets';
import type { GalleryItem } from '../../training/protocol';
import { samplesFromGallery, snapshotMismatch, toSnapshot } from './weights';

const spec = presetSpec('lenet-5');

describe('export weights helpers', () => {
  it('accepts weights that fit the design and explains those that do not', () => {
    const weights = randomWeights(spec, 4);
    expect(snapshotMismatch(spec, weights)).toBeNull();
    const other = presetSpec('tiny-cnn');
    expect(snapshotMismatch(other, weights)).toMatch(
      /^the trained model does not match the design on screen \(no \d+-value "weight" for layer 1 \(conv1.weight\)\)$/,
    );
  });

  it('turns imported tensors into a setWeights payload with each layer kind', () => {
    const mapped = importWeights(spec, exportWeights(spec, randomWeights(spec, 9)));
    if (!mapped.ok) throw new Error(mapped.error);
    const snapshot = toSnapshot(spec, mapped.weights);
    expect(snapshot.map((l) => [l.layerIndex, l.kind])).toEqual([
      [0, 'Conv2d'],
      [3, 'Conv2d'],
      [7, 'Linear'],
      [9, 'Linear'],
      [11, 'Linear'],
    ]);
    expect(snapshot[0].tensors.map((t) => `${t.name}[${t.shape}]`)).toEqual(['weight[6,1,5,5]', 'bias[6]']);
  });

  it('takes up to n gallery images as 0..1 pixels with their labels', () => {
    const item = (label: number, fill: number): GalleryItem => ({
      index: label,
      image: new Uint8Array(784).fill(fill),
      label,
      predicted: label,
      probabilities: new Float32Array(10),
    });
    expect(samplesFromGallery([], 8)).toBeUndefined();
    const samples = samplesFromGallery([item(3, 255), item(7, 51), item(1, 0)], 2)!;
    expect(Array.from(samples.labels)).toEqual([3, 7]);
    expect(samples.images).toHaveLength(2 * 784);
    expect(samples.images[0]).toBe(1);
    expect(samples.images[784]).toBeCloseTo(0.2, 6);
  });
});
