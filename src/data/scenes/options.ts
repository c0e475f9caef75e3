// What a scene generator draws: the canvas, how many digits at which sizes, clutter and noise. Whole
// numbers only, so the Python port in train.py makes the very same scenes.

export interface SceneOptions {
  /** Side of the square canvas, in pixels. */
  size: number;
  /** Digits per scene, drawn uniformly from [minDigits, maxDigits]; a digit that finds no free place is left out. */
  minDigits: number;
  maxDigits: number;
  /** Side of a digit's 28×28 box once scaled, in pixels, drawn uniformly from [minScale, maxScale]. */
  minScale: number;
  maxScale: number;
  /** Faint 8×8 fragments of other digits drawn behind the digits; they are background. */
  clutter: number;
  /** Uniform noise added to every pixel, at most this many grey levels either way (0 to 128). */
  noise: number;
}

export const DEFAULT_SCENE_OPTIONS: SceneOptions = {
  size: 64,
  minDigits: 1,
  maxDigits: 3,
  minScale: 20,
  maxScale: 36,
  clutter: 0,
  noise: 0,
};

/** Test scenes are the same for every run (whatever its seed), so runs compare on equal terms. */
export const TEST_SCENE_SEED = 2024;

export const SCENE_LIMITS = {
  minSize: 16,
  maxSize: 128,
  maxDigits: 6,
  minScale: 8,
  maxClutter: 16,
  maxNoise: 128,
} as const;

/** Everything wrong with a set of options, in plain words (empty when they are fine). */
export function sceneOptionProblems(o: SceneOptions): string[] {
  const problems: string[] = [];
  const whole = (name: keyof SceneOptions, min: number, max: number) => {
    const v = o[name];
    if (!Number.isInteger(v) || v < min || v > max)
      problems.push(`${name} must be a whole number from ${min} to ${max} (got ${v})`);
  };
  const L = SCENE_LIMITS;
  whole('size', L.minSize, L.maxSize);
  whole('minDigits', 1, L.maxDigits);
  whole('maxDigits', 1, L.maxDigits);
  whole('minScale', L.minScale, L.maxSize);
  whole('maxScale', L.minScale, L.maxSize);
  whole('clutter', 0, L.maxClutter);
  whole('noise', 0, L.maxNoise);
  if (problems.length > 0) return problems;
  if (o.minDigits > o.maxDigits) problems.push(`minDigits ${o.minDigits} is above maxDigits ${o.maxDigits}`);
  if (o.minScale > o.maxScale) problems.push(`minScale ${o.minScale} is above maxScale ${o.maxScale}`);
  if (o.maxScale > o.size)
    problems.push(`maxScale ${o.maxScale} does not fit on a ${o.size}×${o.size} canvas: at most ${o.size}`);
  return problems;
}
