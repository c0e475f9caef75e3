// The dense tasks: segmentation (a class for every pixel) and detection (a box and a class for every digit)
// on scenes of several digits. What they read (a square scene and how it is drawn) and what their last
// layer must give. The scenes' settings and limits are in dense-scene.ts (network/ imports nothing from data/).
import { tr } from '../i18n';
import { definitionOf, formatShape, type LayerAt } from '../layers';
import { layerIssue, layerName, networkIssue, removeFix, setFix, taskName } from './issue-helpers';
import type { SpecIssue } from './issues';
import type { NetworkSpec, Shape } from './spec';
import { DETECTION_CHANNELS, SCENE_LIMITS, sceneProblems, SEGMENTATION_CLASSES } from './dense-scene';

export {
  DEFAULT_SCENE,
  DEFAULT_SCENE_SIDE,
  DETECTION_CHANNELS,
  isDenseTask,
  SCENE_KEYS,
  SCENE_LIMITS,
  sceneProblems,
  SEGMENTATION_CLASSES,
  type DenseTask,
  type SceneSettings,
} from './dense-scene';

/** The input and scene checks of a dense task: a square greyscale scene within the limits. */
export function checkDenseInput(spec: NetworkSpec): SpecIssue[] {
  const shape = spec.input.shape;
  const { minSide, maxSide } = SCENE_LIMITS;
  if (shape.length !== 3 || shape[0] !== 1 || shape[1] !== shape[2])
    return [
      networkIssue(
        'error',
        tr('network:input.sceneShape', { task: taskName(spec.task), shape: formatShape(shape) }),
      ),
    ];
  if (!spec.scene)
    return [networkIssue('error', tr('network:input.sceneSettings', { task: taskName(spec.task) }))];
  if (spec.latentDim !== undefined)
    return [networkIssue('error', tr('network:input.latentOnly', { task: taskName(spec.task) }))];
  const problems = sceneProblems(shape[1], spec.scene);
  if (problems.length > 0)
    return [
      networkIssue(
        'error',
        tr('network:input.scenes', { problems: problems.join('; '), min: minSide, max: maxSide }),
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
    ? tr('network:output.segmentationGoal', { channels, side })
    : tr('network:output.detectionGoal', { channels, side });
  const issue = (message: string, fix?: Parameters<typeof layerIssue>[4]) =>
    layerIssue(last, lastLayer, 'error', message, fix);
  if (output.length !== 3) return [issue(tr('network:output.denseFlat', { n: output[0], goal }))];
  const issues: SpecIssue[] = [];
  if (output[0] !== channels) {
    const head = tr('network:output.lastChannels', { n: output[0], goal });
    issues.push(
      source?.sizeParam
        ? issue(
            tr('network:output.setParam', { head, param: source.sizeParam, value: channels }),
            setFix(source.layer, source.sizeParam, channels),
          )
        : issue(tr('network:output.endConvChannels', { head, channels })),
    );
  }
  if (segmentation && (output[1] !== side || output[2] !== side)) {
    issues.push(issue(tr('network:output.segmentationSize', { h: output[1], w: output[2], side })));
  }
  if (!segmentation && detectionStride(side, output) === null) {
    issues.push(
      issue(tr('network:output.detectionGrid', { h: output[1], w: output[2], side, quarter: side / 4 })),
    );
  }
  const layer = spec.layers[last];
  if (definitionOf(layer.kind).traits?.squashes) {
    const loss = tr(segmentation ? 'network:output.loss.crossEntropy' : 'network:output.loss.focal');
    issues.push(
      layerIssue(
        last,
        layer,
        'warning',
        tr('network:output.squashes', { name: layerName(last, layer), loss }),
        removeFix(layer),
      ),
    );
  }
  return issues;
}
