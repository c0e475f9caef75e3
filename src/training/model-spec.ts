// From a network spec to the engine's model description: wired (in_channels etc. filled in when autoWire
// is on), checked by the network module's analyser, and accepted when it scores the classes of its dataset
// (the built-ins' 10, or a user dataset's own count).
import { describeModel, type ModelDescription } from '../model/describe';
import { analyzeSpec, wireSpec } from '../network/analyze';
import type { NetworkSpec } from '../network/spec';
import { classesOf } from '../network/dataset-input';

/** `maxBufferBytes`: the device's largest storage binding, for the network module's memory guard. */
export function describeSpec(
  spec: NetworkSpec,
  batchSize: number,
  maxBufferBytes?: number,
): ModelDescription {
  if (spec.task !== 'classification') {
    throw new Error(`the trainer runs classification networks; this spec's task is '${spec.task}'`);
  }
  const wired = spec.autoWire ? wireSpec(spec) : spec;
  const analysis = analyzeSpec(wired, { batchSize, limits: maxBufferBytes ? { maxBufferBytes } : {} });
  const error = analysis.issues.find((i) => i.severity === 'error');
  if (error) throw new Error(`the network cannot be built: ${error.message}`);
  const desc = describeModel(wired.input.shape, wired.layers);
  const out = desc.outputShape;
  const classes = classesOf(spec.input);
  if (out.length !== 1 || out[0] !== classes) {
    throw new Error(
      `the last layer gives [${out.join('×')}] values but the dataset has ${classes} classes: ` +
        `end with Linear(out_features = ${classes})`,
    );
  }
  return desc;
}
