// Pointing a classifier at another dataset: the input becomes the dataset's, and the layer that sets the
// output (its size parameter, as the registry names it) scores the new dataset's classes, so a design
// trained on MNIST trains on three drawn shapes with one click and back again.
import { builtinInput, classesOf, isUserDataset } from './dataset-input';
import type { NetworkInput, NetworkSpec } from './spec';
import { outputSource } from './task-checks';

/** `spec` reading `input`; a classifier's output layer resized to its classes where it has a size. */
export function switchDataset(spec: NetworkSpec, input: NetworkInput): NetworkSpec {
  if (spec.task !== 'classification') {
    // Generative designs read built-in images only, and keep their own shape (a generator's noise).
    if (isUserDataset(input.dataset)) return spec;
    return {
      ...spec,
      input: { dataset: input.dataset, shape: [...spec.input.shape] as NetworkInput['shape'] },
    };
  }
  const out: NetworkSpec = { ...spec, input: { ...input, shape: [...input.shape] as NetworkInput['shape'] } };
  const source = outputSource(out);
  if (!source?.sizeParam) return out;
  const layers = [...out.layers];
  layers[source.index] = {
    ...layers[source.index],
    [source.sizeParam]: classesOf(input),
  } as (typeof layers)[number];
  return { ...out, layers };
}

/** A built-in dataset's input for `spec`'s task. */
export function builtinFor(spec: NetworkSpec, id: 'mnist' | 'fashion-mnist'): NetworkInput {
  return spec.task === 'classification'
    ? builtinInput(id)
    : { dataset: id, shape: [...spec.input.shape] as NetworkInput['shape'] };
}
