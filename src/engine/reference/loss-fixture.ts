// Typed views of the PyTorch loss fixtures (src/engine/fixtures/loss.json), shared by the CPU and GPU tests.
import { loadFixture } from '../fixtures/load';

export interface CrossEntropyCase {
  batch: number;
  classes: number;
  logits: number[];
  labels: number[];
  loss: number;
  dlogits: number[];
  probs: number[];
  correct: number;
}

/** MSE and BCE-with-logits: mean loss over every element, and its gradient. */
export interface ElementCase {
  shape: number[];
  input: number[];
  target: number[];
  loss: number;
  grad: number[];
}

export function crossEntropyCases(): CrossEntropyCase[] {
  return loadFixture('loss').cross_entropy as unknown as CrossEntropyCase[];
}

export function elementCases(name: 'mse' | 'bce_with_logits'): ElementCase[] {
  return loadFixture('loss')[name] as unknown as ElementCase[];
}
