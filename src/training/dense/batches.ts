// Training and test batches of scenes, made on the host: the network's input (pixels / 255), and the
// task's targets: a label per pixel (segmentation), or CenterNet's heatmaps, sizes, offsets and centre
// mask (detection). train.py's Python makes the same targets from the same scenes.
import {
  TEST_SCENE_SEED,
  renderScene,
  type Scene,
  type SceneOptions,
  type SceneSource,
  type SceneSplit,
} from '../../data/scenes';
import type { DenseTask } from '../../network/dense';
import { NUM_CLASSES } from '../../network/spec';
import { BOX_CHANNELS } from '../../engine/reference/centernet';

/** What the batch is for: the task, and for detection the head's grid side (scene side / stride). */
export interface DenseLayout {
  task: DenseTask;
  side: number;
  /** Detection: cells per side of the head's output. */
  grid: number;
}

export interface DenseBatch {
  count: number;
  /** count × side² pixels / 255. */
  inputs: Float32Array;
  /** Segmentation: count × side² labels (0 background, 1 + digit). */
  labels?: Uint32Array;
  /** Detection: count × (K + 4) × grid² targets, count × grid² centre mask, and the number of centres. */
  target?: Float32Array;
  mask?: Float32Array;
  objects?: number;
  /** The scenes themselves (their boxes and masks, for metrics and previews). */
  scenes: Scene[];
}

/** Where the scenes come from: the split's images, how they are drawn, and the training scenes' seed
 *  (test scenes always use TEST_SCENE_SEED). */
export interface SceneStream {
  source(split: SceneSplit): SceneSource;
  options: SceneOptions;
  seed: number;
}

/**
 * CenterNet's targets for one scene's boxes, written at `offset` of target ([K + 4, grid, grid]) and
 * `maskOffset` of mask ([grid, grid]): for a box of size w × h cells centred at (cx, cy) in cells, cell
 * (floor cx, floor cy) gets 1 in its class's heatmap, w, h and the offset (cx - floor cx, cy - floor cy);
 * the heatmap elsewhere is the largest exp(-d² / 2σ²) over the class's boxes, σ = max(w, h) / 6 + 1/4.
 * Returns the number of centre cells set.
 */
export function writeDetectionTargets(
  scene: Scene,
  stride: number,
  grid: number,
  target: Float32Array,
  offset: number,
  mask: Float32Array,
  maskOffset: number,
): number {
  const plane = grid * grid;
  let centres = 0;
  for (const box of scene.boxes) {
    const cx = (box.x0 + box.x1) / 2 / stride;
    const cy = (box.y0 + box.y1) / 2 / stride;
    const ix = Math.min(Math.floor(cx), grid - 1);
    const iy = Math.min(Math.floor(cy), grid - 1);
    const w = (box.x1 - box.x0) / stride;
    const h = (box.y1 - box.y0) / stride;
    const sigma = Math.max(w, h) / 6 + 0.25;
    const heat = offset + box.label * plane;
    for (let y = 0; y < grid; y++) {
      for (let x = 0; x < grid; x++) {
        const d2 = (x - ix) ** 2 + (y - iy) ** 2;
        const g = Math.exp(-d2 / (2 * sigma * sigma));
        if (g > target[heat + y * grid + x]) target[heat + y * grid + x] = g;
      }
    }
    const cell = iy * grid + ix;
    const reg = offset + NUM_CLASSES * plane + cell;
    target[reg] = w;
    target[reg + plane] = h;
    target[reg + 2 * plane] = cx - ix;
    target[reg + 3 * plane] = cy - iy;
    if (mask[maskOffset + cell] === 0) centres++;
    mask[maskOffset + cell] = 1;
  }
  return centres;
}

/** Scenes [start, start + count) of a split as a batch for `layout`. */
export function sceneBatch(
  stream: SceneStream,
  layout: DenseLayout,
  split: SceneSplit,
  start: number,
  count: number,
): DenseBatch {
  const { side, grid, task } = layout;
  const pixels = side * side;
  const source = stream.source(split);
  const inputs = new Float32Array(count * pixels);
  const scenes: Scene[] = [];
  const batch: DenseBatch = { count, inputs, scenes };
  if (task === 'segmentation') batch.labels = new Uint32Array(count * pixels);
  else {
    batch.target = new Float32Array(count * (NUM_CLASSES + BOX_CHANNELS) * grid * grid);
    batch.mask = new Float32Array(count * grid * grid);
    batch.objects = 0;
  }
  for (let i = 0; i < count; i++) {
    const seed = split === 'test' ? TEST_SCENE_SEED : stream.seed;
    const scene = renderScene(source, stream.options, seed, split, start + i);
    scenes.push(scene);
    for (let p = 0; p < pixels; p++) inputs[i * pixels + p] = scene.image[p] / 255;
    if (batch.labels) batch.labels.set(scene.mask, i * pixels);
    else {
      const head = (NUM_CLASSES + BOX_CHANNELS) * grid * grid;
      batch.objects! += writeDetectionTargets(
        scene,
        side / grid,
        grid,
        batch.target!,
        i * head,
        batch.mask!,
        i * grid * grid,
      );
    }
  }
  return batch;
}
