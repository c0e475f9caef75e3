// Whole-network checks: what the input must be and what the last layer must give for the task.
import { tr } from '../i18n';
import { definitionOf, SPEC_LIMITS, type LayerAt } from '../layers';
import { resolveInputs } from '../layers/core/graph';
import { checkDenseInput, checkDenseOutput, isDenseTask } from './dense';
import type { SpecIssue } from './issues';
import {
  fixLayer,
  insertFix,
  layerIssue,
  layerName,
  networkIssue,
  removeFix,
  setFix,
  taskName,
} from './issue-helpers';
import { appendConvFix, lastConvFix } from './image-fixes';
import { shapeSourceOf } from './infer';
import type { NetworkSpec, Shape } from './spec';
import { IMAGE_SHAPE, formatShape } from './spec';
import { CONDITIONAL_DISCRIMINATOR_SHAPE } from './conditional-shape';
import { classesOf, datasetName, isUserDataset, userInputProblems } from './dataset-input';

/** The layer that sets the network's output shape: the last layer, or the nearest one before it that
 *  is not pass-through (activations, norms, Dropout). */
export function outputSource(spec: NetworkSpec): LayerAt | null {
  const last = spec.layers.length - 1;
  if (last < 0) return null;
  const layer = spec.layers[last];
  const definition = definitionOf(layer.kind);
  if (!definition.traits?.passThrough)
    return {
      index: last,
      layer: layer as unknown as LayerAt['layer'],
      sizeParam: definition.traits?.sizeParam,
    };
  return shapeSourceOf(spec, resolveInputs(spec.layers), last);
}

const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((v, i) => v === b[i]);

/** A conditional GAN's discriminator reads the image with the requested digit as one-hot planes after it. */
const conditionalDiscriminator = (spec: NetworkSpec) =>
  spec.task === 'discriminator' && sameShape(spec.input.shape, CONDITIONAL_DISCRIMINATOR_SHAPE);

/** Problems with what the network reads; any of them stops shape inference. */
export function checkInput(spec: NetworkSpec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const shape = spec.input.shape;
  if (isDenseTask(spec.task)) return checkDenseInput(spec);
  if (spec.scene !== undefined)
    issues.push(networkIssue('error', tr('network:input.scenesOnly', { task: taskName(spec.task) })));
  if (isUserDataset(spec.input.dataset)) return [...issues, ...userInputIssues(spec)];
  if (spec.task === 'generator') {
    const d = spec.latentDim;
    if (d === undefined || !Number.isInteger(d) || d < 1 || d > SPEC_LIMITS.maxLatentDim) {
      issues.push(
        networkIssue('error', tr('network:input.latentDim', { max: SPEC_LIMITS.maxLatentDim, d: String(d) })),
      );
    } else if (!sameShape(shape, [d])) {
      issues.push(networkIssue('error', tr('network:input.noiseShape', { shape: formatShape(shape), d })));
    }
  } else if (spec.input.classes !== undefined || spec.input.name !== undefined) {
    issues.push(networkIssue('error', tr('network:input.builtInName', { dataset: datasetName(spec.input) })));
  } else if (!sameShape(shape, IMAGE_SHAPE) && !conditionalDiscriminator(spec)) {
    issues.push(
      networkIssue(
        'error',
        tr('network:input.imageShape', { task: taskName(spec.task), shape: formatShape(shape) }),
      ),
    );
  } else if (spec.latentDim !== undefined) {
    issues.push(networkIssue('error', tr('network:input.latentOnly', { task: taskName(spec.task) })));
  }
  return issues;
}

/** A user dataset: a classifier only, images and classes in their limits. */
function userInputIssues(spec: NetworkSpec): SpecIssue[] {
  const name = datasetName(spec.input);
  if (spec.task !== 'classification')
    return [networkIssue('error', tr('network:input.userDataset', { task: taskName(spec.task), name }))];
  const issues = userInputProblems(spec.input).map((p) => networkIssue('error', `${name}: ${p}`));
  if (spec.latentDim !== undefined)
    issues.push(networkIssue('error', tr('network:input.latentOnly', { task: taskName(spec.task) })));
  return issues;
}

/** An empty network, or one with more layers than a file may hold. */
export function checkLayerCount(spec: NetworkSpec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  if (spec.layers.length === 0) {
    issues.push(networkIssue('error', tr('network:layers.empty')));
  }
  if (spec.layers.length > SPEC_LIMITS.maxLayers) {
    issues.push(
      networkIssue(
        'error',
        tr('network:layers.tooMany', { n: spec.layers.length, max: SPEC_LIMITS.maxLayers }),
      ),
    );
  }
  return issues;
}

/** The last layer's output against what the task needs, with a fix when one edit gets closer. */
export function checkOutput(spec: NetworkSpec, output: Shape): SpecIssue[] {
  const last = spec.layers.length - 1;
  if (last < 0) return [];
  switch (spec.task) {
    case 'classification':
      return [...needVector(spec, output, classesOf(spec.input)), ...logitWarnings(spec)];
    case 'discriminator':
      return [...needVector(spec, output, 1), ...logitWarnings(spec)];
    case 'reconstruction':
    case 'generator':
      return needImage(spec, output);
    case 'segmentation':
    case 'detection':
      return checkDenseOutput(spec, output, outputSource(spec));
  }
}

function needVector(spec: NetworkSpec, output: Shape, want: number): SpecIssue[] {
  const last = spec.layers.length - 1;
  const lastLayer = spec.layers[last];
  const goal =
    spec.task === 'classification'
      ? tr('network:output.classes', { dataset: datasetName(spec.input), n: want })
      : tr('network:output.discriminator');
  if (output.length !== 1) {
    const message = tr('network:output.endsWithImage', {
      shape: formatShape(output),
      goal,
      n: output[0] * output[1] * output[2],
      want,
    });
    return [
      layerIssue(last, lastLayer, 'error', message, insertFix(last + 1, fixLayer(spec, 'Flatten', last + 1))),
    ];
  }
  if (output[0] === want) return [];
  const head = tr('network:output.lastGives', { n: output[0], goal });
  const source = outputSource(spec);
  if (source?.sizeParam) {
    return [
      layerIssue(
        last,
        lastLayer,
        'error',
        tr('network:output.setParam', { head, param: source.sizeParam, value: want }),
        setFix(source.layer, source.sizeParam, want),
      ),
    ];
  }
  const linear = { ...fixLayer(spec, 'Linear', last + 1), in_features: output[0], out_features: want };
  const message = tr('network:output.addLinear', { head, what: `Linear(${output[0]} → ${want})` });
  return [
    layerIssue(
      last,
      lastLayer,
      'error',
      message,
      insertFix(last + 1, linear, `Linear(${output[0]} → ${want})`),
    ),
  ];
}

/** Cross-entropy and BCE-with-logits expect raw scores; a final activation quietly hurts training. */
function logitWarnings(spec: NetworkSpec): SpecIssue[] {
  const last = spec.layers.length - 1;
  const layer = spec.layers[last];
  if (!definitionOf(layer.kind).traits?.squashes) return [];
  const loss = tr(
    spec.task === 'classification' ? 'network:output.loss.crossEntropy' : 'network:output.loss.bce',
  );
  const message = tr('network:output.squashes', { name: layerName(last, layer), loss });
  return [layerIssue(last, layer, 'warning', message, removeFix(layer))];
}

function needImage(spec: NetworkSpec, output: Shape): SpecIssue[] {
  const last = spec.layers.length - 1;
  const lastLayer = spec.layers[last];
  if (sameShape(output, IMAGE_SHAPE)) return [];
  const gives = output.length === 1 ? tr('network:output.flatValues', { n: output[0] }) : formatShape(output);
  const head =
    spec.task === 'generator'
      ? tr('network:output.generatorGives', { gives })
      : tr('network:output.decoderGives', { gives });
  const issue = (message: string, fix?: Parameters<typeof layerIssue>[4]) => [
    layerIssue(last, lastLayer, 'error', message, fix),
  ];
  const source = outputSource(spec);
  if (output.length === 1) {
    if (output[0] === 784) {
      const unflatten = {
        ...fixLayer(spec, 'Unflatten', last + 1),
        unflattened_size: [1, 28, 28] as [number, number, number],
      };
      return issue(
        tr('network:output.insertUnflatten', { head }),
        insertFix(last + 1, unflatten, tr('network:output.unflattenWhat')),
      );
    }
    if (source?.sizeParam) {
      return issue(
        tr('network:output.set784', { head, param: source.sizeParam }),
        setFix(source.layer, source.sizeParam, 784),
      );
    }
    const linear = { ...fixLayer(spec, 'Linear', last + 1), in_features: output[0], out_features: 784 };
    return issue(
      tr('network:output.addLinearUnflatten', { head, n: output[0] }),
      insertFix(last + 1, linear, `Linear(${output[0]} → 784)`),
    );
  }
  if (!source || !definitionOf(source.layer.kind).fitSide) {
    const append = appendConvFix(spec, output);
    if (append) return issue(tr('network:output.edit', { head, edit: append.text }), append.fix);
    return issue(tr('network:output.endWithConv', { head }));
  }
  const edit = lastConvFix(spec, source.index, output);
  if (edit)
    return issue(
      tr('network:output.editOnLayer', { head, edit: edit.text, layer: source.index + 1 }),
      edit.fix,
    );
  return issue(tr('network:output.adjust', { head, layer: source.index + 1 }));
}
