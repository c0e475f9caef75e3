// The dense tasks: segmentation (a class for every pixel) and detection (a box and a class for every digit)
// on scenes of several digits. What they read (a square scene and how it is drawn) and what their last
// layer must give. The scene settings mirror src/data/scenes (network/ imports nothing from data/).
import { definitionOf, formatShape, type LayerAt } from '../layers';
import { layerIssue, layerName, networkIssue, removeFix, setFix } from './issue-helpers';
import type { SpecIssue } from './issues';
import type { NetworkSpec, Shape, Task } from './spec';

export type DenseTask = 'segmentation' | 'detection';

export function isDenseTask(task: Task): task is DenseTask {
  return task === 'segmentation' || task === 'detection';
}

/** How scenes are drawn; the canvas side is the input's (the spec reads [1, side, side]). */
export interface SceneSettings {
  /** Digits per scene, from minDigits to maxDigits. */
  minDigits: number;
  maxDigits: number;
  /** Side of a digit's 28×28 box once scaled, in pixels. */
  minScale: number;
  maxScale: number;
  /** Faint fragments of other digits in the background. */
  clutter: number;
  /** Uniform pixel noise, at most this many grey levels either way. */
  noise: number;
}

export const DEFAULT_SCENE_SIDE = 64;
export const DEFAULT_SCENE: SceneSettings = {
  minDigits: 1,
  maxDigits: 3,
  minScale: 20,
  maxScale: 36,
  clutter: 0,
  noise: 0,
};
export const SCENE_KEYS: readonly (keyof SceneSettings)[] = [
  'minDigits',
  'maxDigits',
  'minScale',
  'maxScale',
  'clutter',
  'noise',
];
export const SCENE_LIMITS = {
  minSide: 16,
  maxSide: 128,
  maxDigits: 6,
  minScale: 8,
  maxClutter: 16,
  maxNoise: 128,
};

/** The datasets' ten classes (spec.ts's NUM_CLASSES; spec.ts imports this module, so it is not read from there). */
const CLASSES = 10;
/** Segmentation's classes: background, then the ten digits (label = digit + 1). */
export const SEGMENTATION_CLASSES = CLASSES + 1;
/** Detection's head: a centre heatmap per class, then box width, height and the centre's offset x, y. */
export const DETECTION_CHANNELS = CLASSES + 4;

/** Everything wrong with a scene side and settings, in plain words. */
export function sceneProblems(side: number, s: SceneSettings): string[] {
  const L = SCENE_LIMITS;
  const problems: string[] = [];
  const whole = (name: string, v: number, min: number, max: number) => {
    if (!Number.isInteger(v) || v < min || v > max)
      problems.push(`${name} must be a whole number from ${min} to ${max} (got ${v})`);
  };
  whole('the scene side', side, L.minSide, L.maxSide);
  whole('minDigits', s.minDigits, 1, L.maxDigits);
  whole('maxDigits', s.maxDigits, 1, L.maxDigits);
  whole('minScale', s.minScale, L.minScale, L.maxSide);
  whole('maxScale', s.maxScale, L.minScale, L.maxSide);
  whole('clutter', s.clutter, 0, L.maxClutter);
  whole('noise', s.noise, 0, L.maxNoise);
  if (problems.length > 0) return problems;
  if (s.minDigits > s.maxDigits) problems.push(`minDigits ${s.minDigits} is above maxDigits ${s.maxDigits}`);
  if (s.minScale > s.maxScale) problems.push(`minScale ${s.minScale} is above maxScale ${s.maxScale}`);
  if (s.maxScale > side)
    problems.push(`maxScale ${s.maxScale} does not fit on a ${side}×${side} scene: at most ${side}`);
  return problems;
}

/** The input and scene checks of a dense task: a square greyscale scene within the limits. */
export function checkDenseInput(spec: NetworkSpec): SpecIssue[] {
  const shape = spec.input.shape;
  const { minSide, maxSide } = SCENE_LIMITS;
  if (shape.length !== 3 || shape[0] !== 1 || shape[1] !== shape[2])
    return [
      networkIssue(
        'error',
        `a ${spec.task} network reads square greyscale scenes [1, side, side], not ${formatShape(shape)}`,
      ),
    ];
  if (!spec.scene)
    return [networkIssue('error', `a ${spec.task} network needs scene settings (how its scenes are drawn)`)];
  if (spec.latentDim !== undefined)
    return [networkIssue('error', `only a generator has latentDim; this is a ${spec.task} network`)];
  const problems = sceneProblems(shape[1], spec.scene);
  if (problems.length > 0)
    return [
      networkIssue(
        'error',
        `the scenes cannot be drawn: ${problems.join('; ')} (sides ${minSide} to ${maxSide})`,
      ),
    ];
  return [];
}

/** Input pixels per output cell of a detection head, or null when the output does not tile the scene. */
export function detectionStride(side: number, output: Shape): number | null {
  if (output.length !== 3 || output[1] !== output[2] || side % output[1] !== 0) return null;
  return side / output[1];
}

/** The last layer against what a dense task needs: per-pixel class scores, or a detection head. `source`
 *  is the layer that sets the output's size (task-checks' outputSource). */
export function checkDenseOutput(spec: NetworkSpec, output: Shape, source: LayerAt | null): SpecIssue[] {
  const last = spec.layers.length - 1;
  const lastLayer = spec.layers[last];
  const side = spec.input.shape.length === 3 ? spec.input.shape[1] : 0;
  const segmentation = spec.task === 'segmentation';
  const channels = segmentation ? SEGMENTATION_CLASSES : DETECTION_CHANNELS;
  const goal = segmentation
    ? `segmentation needs ${channels} scores per pixel (background and ten digits) at ${side}×${side}`
    : `a detection head gives ${channels} maps (ten centre heatmaps, box width and height, centre offset x and y) on a grid that tiles the ${side}×${side} scene`;
  const issue = (message: string, fix?: Parameters<typeof layerIssue>[4]) =>
    layerIssue(last, lastLayer, 'error', message, fix);
  if (output.length !== 3)
    return [
      issue(`the network ends with ${output[0]} flat values but ${goal}: end with a Conv2d, not Linear`),
    ];
  const issues: SpecIssue[] = [];
  if (output[0] !== channels) {
    const head = `the last layer gives ${output[0]} channels but ${goal}`;
    issues.push(
      source?.sizeParam
        ? issue(
            `${head}: set ${source.sizeParam} = ${channels}`,
            setFix(source.layer, source.sizeParam, channels),
          )
        : issue(`${head}: end with a Conv2d whose out_channels = ${channels}`),
    );
  }
  if (segmentation && (output[1] !== side || output[2] !== side)) {
    issues.push(
      issue(
        `the network gives ${output[1]}×${output[2]} maps but segmentation labels every pixel of the ${side}×${side} scene: upsample back to ${side}×${side} (ConvTranspose2d or Upsample)`,
      ),
    );
  }
  if (!segmentation && detectionStride(side, output) === null) {
    issues.push(
      issue(
        `the head's ${output[1]}×${output[2]} grid does not tile the ${side}×${side} scene: make it square with a side that divides ${side} (e.g. ${side / 4}×${side / 4}, one cell per 4×4 pixels)`,
      ),
    );
  }
  const layer = spec.layers[last];
  if (definitionOf(layer.kind).traits?.squashes) {
    const loss = segmentation ? 'cross-entropy' : 'the focal loss';
    issues.push(
      layerIssue(
        last,
        layer,
        'warning',
        `${layerName(last, layer)} squashes the scores before ${loss}, which expects raw scores (logits): remove it`,
        removeFix(layer),
      ),
    );
  }
  return issues;
}
