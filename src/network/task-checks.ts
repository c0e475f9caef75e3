// Whole-network checks: what the input must be and what the last layer must give for the task.
import { definitionOf, SPEC_LIMITS, type LayerAt } from '../layers';
import { resolveInputs } from '../layers/core/graph';
import { checkDenseInput, checkDenseOutput, isDenseTask } from './dense';
import type { SpecIssue } from './issues';
import { fixLayer, insertFix, layerIssue, layerName, networkIssue, removeFix, setFix } from './issue-helpers';
import { appendConvFix, lastConvFix } from './image-fixes';
import { shapeSourceOf } from './infer';
import type { NetworkSpec, Shape } from './spec';
import { IMAGE_SHAPE, formatShape } from './spec';
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

/** Problems with what the network reads; any of them stops shape inference. */
export function checkInput(spec: NetworkSpec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const shape = spec.input.shape;
  if (isDenseTask(spec.task)) return checkDenseInput(spec);
  if (spec.scene !== undefined)
    issues.push(
      networkIssue('error', `only segmentation and detection read scenes; this is a ${spec.task} network`),
    );
  if (isUserDataset(spec.input.dataset)) return [...issues, ...userInputIssues(spec)];
  if (spec.task === 'generator') {
    const d = spec.latentDim;
    if (d === undefined || !Number.isInteger(d) || d < 1 || d > SPEC_LIMITS.maxLatentDim) {
      issues.push(
        networkIssue(
          'error',
          `a generator needs latentDim, a whole number from 1 to ${SPEC_LIMITS.maxLatentDim} (got ${d})`,
        ),
      );
    } else if (!sameShape(shape, [d])) {
      issues.push(
        networkIssue(
          'error',
          `the generator's input shape ${formatShape(shape)} must be the noise vector [${d}] (latentDim)`,
        ),
      );
    }
  } else if (spec.input.classes !== undefined || spec.input.name !== undefined) {
    issues.push(
      networkIssue(
        'error',
        `${datasetName(spec.input)} has 10 classes and its own name: remove classes and name`,
      ),
    );
  } else if (!sameShape(shape, IMAGE_SHAPE)) {
    issues.push(
      networkIssue('error', `a ${spec.task} network reads 1×28×28 images, not ${formatShape(shape)}`),
    );
  } else if (spec.latentDim !== undefined) {
    issues.push(networkIssue('error', `only a generator has latentDim; this is a ${spec.task} network`));
  }
  return issues;
}

/** A user dataset: a classifier only, images and classes in their limits. */
function userInputIssues(spec: NetworkSpec): SpecIssue[] {
  const name = datasetName(spec.input);
  if (spec.task !== 'classification')
    return [
      networkIssue(
        'error',
        `a ${spec.task} network reads the built-in 1×28×28 images; ${name} trains classifiers: pick MNIST or Fashion-MNIST`,
      ),
    ];
  const issues = userInputProblems(spec.input).map((p) => networkIssue('error', `${name}: ${p}`));
  if (spec.latentDim !== undefined)
    issues.push(networkIssue('error', `only a generator has latentDim; this is a ${spec.task} network`));
  return issues;
}

/** An empty network, or one with more layers than a file may hold. */
export function checkLayerCount(spec: NetworkSpec): SpecIssue[] {
  const issues: SpecIssue[] = [];
  if (spec.layers.length === 0) {
    issues.push(
      networkIssue('error', 'the network has no layers: add layers from the palette or load a preset'),
    );
  }
  if (spec.layers.length > SPEC_LIMITS.maxLayers) {
    issues.push(
      networkIssue(
        'error',
        `the network has ${spec.layers.length} layers; the limit is ${SPEC_LIMITS.maxLayers}: remove some`,
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
      ? `${datasetName(spec.input)} has ${want} classes`
      : 'a discriminator gives 1 value (a logit: real or fake)';
  if (output.length !== 1) {
    const message = `the network ends with a ${formatShape(output)} image but ${goal}: insert Flatten at the end, then Linear(${output[0] * output[1] * output[2]} → ${want})`;
    return [
      layerIssue(last, lastLayer, 'error', message, insertFix(last + 1, fixLayer(spec, 'Flatten', last + 1))),
    ];
  }
  if (output[0] === want) return [];
  const head = `the last layer gives ${output[0]} values but ${goal}`;
  const source = outputSource(spec);
  if (source?.sizeParam) {
    return [
      layerIssue(
        last,
        lastLayer,
        'error',
        `${head}: set ${source.sizeParam} = ${want}`,
        setFix(source.layer, source.sizeParam, want),
      ),
    ];
  }
  const linear = { ...fixLayer(spec, 'Linear', last + 1), in_features: output[0], out_features: want };
  const message = `${head}: add Linear(${output[0]} → ${want}) at the end`;
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
  const loss = spec.task === 'classification' ? 'cross-entropy' : 'BCE-with-logits';
  const message = `${layerName(last, layer)} squashes the scores before ${loss}, which expects raw scores (logits): remove it`;
  return [layerIssue(last, layer, 'warning', message, removeFix(layer))];
}

function needImage(spec: NetworkSpec, output: Shape): SpecIssue[] {
  const last = spec.layers.length - 1;
  const lastLayer = spec.layers[last];
  if (sameShape(output, IMAGE_SHAPE)) return [];
  const gives = output.length === 1 ? `${output[0]} flat values` : formatShape(output);
  const head =
    spec.task === 'generator'
      ? `the generator gives ${gives} but its image must be 1×28×28`
      : `the decoder gives ${gives} but the input is 1×28×28`;
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
        `${head}: insert Unflatten to 1×28×28 at the end`,
        insertFix(last + 1, unflatten, 'Unflatten to 1×28×28'),
      );
    }
    if (source?.sizeParam) {
      return issue(
        `${head}: set ${source.sizeParam} = 784, then add Unflatten`,
        setFix(source.layer, source.sizeParam, 784),
      );
    }
    const linear = { ...fixLayer(spec, 'Linear', last + 1), in_features: output[0], out_features: 784 };
    return issue(
      `${head}: add Linear(${output[0]} → 784) and Unflatten to 1×28×28 at the end`,
      insertFix(last + 1, linear, `Linear(${output[0]} → 784)`),
    );
  }
  if (!source || !definitionOf(source.layer.kind).fitSide) {
    const append = appendConvFix(spec, output);
    if (append) return issue(`${head}: ${append.text}`, append.fix);
    return issue(`${head}: end with a Conv2d or ConvTranspose2d that gives 1×28×28`);
  }
  const edit = lastConvFix(spec, source.index, output);
  if (edit) return issue(`${head}: ${edit.text} on layer ${source.index + 1}`, edit.fix);
  return issue(
    `${head}: adjust kernel_size, stride, padding or output_padding of layer ${source.index + 1} (no single change gives 28×28)`,
  );
}
