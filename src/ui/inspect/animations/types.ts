// What every explanation animation receives: the layer's parameters and its real values for one image.
import type { Layer } from '../../../layers';
import type { LayerData } from '../../../training/inspect/types';

export interface AnimationProps {
  layer: Layer;
  data: LayerData;
}

/** A layer parameter read by name, as a number (the styles name the parameters their kinds share). */
export function numberParam(layer: Layer, name: string, fallback: number): number {
  const v = (layer as unknown as Record<string, unknown>)[name];
  return typeof v === 'number' ? v : fallback;
}

/** A tensor of the layer (weight, bias, running_mean, ...) by its PyTorch name. */
export function tensorNamed(data: LayerData, name: string): Float32Array | null {
  return data.tensors.find((t) => t.name === name)?.data ?? null;
}
