// A layer's tensors as the worker sends them (weights, running statistics or an activation). Imports
// nothing, so the protocol and the inspect and generative types share it without a cycle.

export interface TensorSnapshot {
  /** PyTorch name ('weight', 'bias', 'running_mean', ...) or 'output' for an activation. */
  name: string;
  shape: number[];
  data: Float32Array;
}

export interface LayerSnapshot {
  /** Index of the layer in spec.layers. */
  layerIndex: number;
  kind: string;
  tensors: TensorSnapshot[];
}
