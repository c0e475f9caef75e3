// What one shape-inference step sees and returns; shared by the rules for spatial and flat layers.
import type { SpecIssue } from './issues';
import type { NetworkSpec, Shape } from './spec';

/** Values the analysis filled in from the previous layer (autoWire) for the wired parameters. */
export interface Wired {
  in_channels?: number;
  in_features?: number;
  num_features?: number;
}

export interface StepContext {
  spec: NetworkSpec;
  index: number;
  input: Shape;
  /** The most recent Flatten before this layer and the image shape it flattened. */
  lastFlatten: { index: number; shape: Shape } | null;
}

export interface StepResult {
  /** null when the layer cannot produce an output; inference stops there. */
  output: Shape | null;
  wired: Wired;
  issues: SpecIssue[];
}

/** "the input" for the first layer, else "the previous layer". */
export function sourceName(index: number): string {
  return index === 0 ? 'the input' : 'the previous layer';
}
