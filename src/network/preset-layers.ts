// The building blocks of the ready-made designs: a layer with the parameters that differ from its defaults,
// a layer that reads other layers, and a design on MNIST's input for a task.
import type { Layer, LayerKind, LayerOf, NetworkSpec, Task } from './spec';
import { defaultLayer, inputFor } from './spec';

/** A layer of kind `kind` named `id`, with `params` over its defaults. */
export function l<K extends LayerKind>(
  kind: K,
  id: string,
  params: Partial<Omit<LayerOf<K>, 'kind' | 'id'>> = {},
): Layer {
  return { ...defaultLayer(kind, id), ...params } as Layer;
}

/** A layer that reads the layers `inputs` names instead of the one before it. */
export function from(inputs: string[], layer: Layer): Layer {
  return { ...layer, inputs };
}

/** A design of `layers` for `task` on MNIST's input (a generator's latent vector for 'generator'). */
export function mnistSpec(name: string, task: Task, layers: Layer[]): NetworkSpec {
  const s: NetworkSpec = { version: 2, name, input: inputFor(task, 'mnist'), task, autoWire: true, layers };
  if (task === 'generator') s.latentDim = s.input.shape[0];
  return s;
}
