// A layer's formula in its own numbers, for the explanation view (each kind writes its own).
import type { Formula } from './core/formula';
import type { LayerData } from './core/types';
import { definitionOf, type Layer } from './registry';

/** `inputSize`: the layer's input height (square inputs), or null when unknown. */
export function formulaOf(layer: Layer, inputSize: number | null = null): Formula {
  return definitionOf(layer.kind).explain(layer as unknown as LayerData, inputSize);
}
