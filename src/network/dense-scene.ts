// The dense tasks' words and scenes: which tasks are dense, how their scenes are drawn and within what
// limits, and how many channels their outputs carry. Imports nothing, so the spec and its schema read it
// without an import cycle through dense.ts's checks. The settings mirror src/data/scenes.
export type DenseTask = 'segmentation' | 'detection';

export function isDenseTask(task: string): task is DenseTask {
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
