// Scenes of several digits on one canvas, with per-pixel labels and boxes: the segmentation and
// detection tasks' data, generated on the fly from a loaded dataset.
export {
  DEFAULT_SCENE_OPTIONS,
  SCENE_LIMITS,
  TEST_SCENE_SEED,
  sceneOptionProblems,
  type SceneOptions,
} from './options';
export { SceneRandom, sceneSeed } from './random';
export {
  DIGIT_SIDE,
  INK_THRESHOLD,
  SPLIT_CODE,
  renderScene,
  scaleDigit,
  scaleTaps,
  type Scene,
  type SceneBox,
  type SceneSource,
  type SceneSplit,
} from './render';
