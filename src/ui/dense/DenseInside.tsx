// Inside the dense network: every layer's feature maps for a test scene (the inspect panel's view, fed by
// the dense session), and how the task learns: its loss, how the outputs become labels or boxes, and how
// the decoder grows its maps back (upsampling).
import { useState } from 'react';
import type { DenseTask } from '../../network/dense';
import type { TrainerClient } from '../../training/client';
import type { LayerSnapshot } from '../../training/protocol';
import { FeatureMaps } from '../inspect/FeatureMaps';
import type { DenseView } from './denseState';

let nextId = 1;

/** The session's activations as the inspect panel's layer snapshots (one 'output' tensor per layer). */
export function activationSnapshots(
  kinds: readonly string[],
  shapes: number[][],
  values: Float32Array[],
): LayerSnapshot[] {
  return values.map((data, layerIndex) => ({
    layerIndex,
    kind: kinds[layerIndex] ?? 'layer',
    tensors: [{ name: 'output', shape: shapes[layerIndex], data }],
  }));
}

const LOSS: Record<DenseTask, string[]> = {
  segmentation: [
    'Per-pixel cross-entropy: every pixel is a little classification over 11 classes (background and the ten digits), and the loss is the mean over all pixels of −log p(true class), each pixel weighted by its class: digits 1, background the background weight.',
    'Why weigh background down: most of a scene is background, so at weight 1 the cheapest first answer is "all background", and a network stays there for hundreds of steps before the digits pay off. At 0.1 the digits’ pixels carry most of the loss from the start.',
    'Reading the answer: each pixel takes the class with the highest score (argmax). Pixel accuracy counts the pixels labelled right; IoU of a class is |predicted ∩ true| / |predicted ∪ true|, and mean IoU averages it over the classes, background included, so a network that ignores the small digits scores low even when 95% of pixels are right.',
  ],
  detection: [
    'CenterNet’s head gives, on a grid a quarter of the scene’s side, a heatmap per digit that should peak (1) at the cell of each digit’s centre and fall off around it as a Gaussian, plus at every cell the box’s width and height and the centre’s offset within the cell.',
    'Loss: a focal loss on the heatmaps, −(1−p)² log p at the centres and −(1−y)⁴ p² log(1−p) elsewhere (y the Gaussian target), so the many easy background cells and the cells right beside a centre count little; plus 0.1 × |size error| and |offset error| at the centre cells; all divided by the number of digits.',
    'Reading the answer: a cell is a detection where its heatmap is a local maximum (at least its 8 neighbours, a 3×3 max-pool test, run on the GPU): the box comes from the size and offset there. No non-maximum suppression is needed. mAP@0.5 ranks every detection of a digit by score, counts it right when it overlaps a true box of that digit by IoU ≥ 0.5 (each true box once), and averages the area under the precision–recall curve over the digits.',
  ],
};

const UPSAMPLING =
  'Upsampling: the encoder halves the map with each pooling; the decoder doubles it back with ConvTranspose2d (kernel 2, stride 2: each input value spreads over a 2×2 block through learned weights) or with Upsample (fixed nearest or bilinear interpolation). The U-Net then concatenates each doubled map with the encoder’s map of the same size (Concat), so the fine outlines from early layers meet the “which digit” from deep ones. “Explain a layer” in the inspect panel shows the formula of each.';

export function DenseInside({
  view,
  client,
  kinds,
}: {
  view: DenseView;
  client: TrainerClient | null;
  kinds: readonly string[];
}) {
  const [index, setIndex] = useState(0);
  const show = (i: number) => {
    setIndex(i);
    client?.dense({ kind: 'activations', id: nextId++, index: i });
  };
  const a = view.activations;
  return (
    <details className="dense-inside">
      <summary>Inside the network: feature maps, the loss and upsampling</summary>
      {view.task && (
        <div className="dense-explain" data-testid="dense-explain">
          {LOSS[view.task].map((p) => (
            <p key={p.slice(0, 20)}>{p}</p>
          ))}
          <p>{UPSAMPLING}</p>
        </div>
      )}
      <div className="control-buttons">
        <label>
          Test scene{' '}
          <input
            type="number"
            min={1}
            max={256}
            value={index + 1}
            onChange={(e) => setIndex(Math.max(0, (e.target.valueAsNumber || 1) - 1))}
          />
        </label>
        <button type="button" onClick={() => show(index)} disabled={!client || !view.task}>
          Show feature maps
        </button>
      </div>
      {a && <FeatureMaps activations={activationSnapshots(kinds, a.shapes, a.values)} />}
    </details>
  );
}
