// Typed views of the PyTorch loss fixtures (src/engine/fixtures/loss.json), shared by the CPU and GPU tests.
import { loadFixture } from '../fixtures/load';

export interface CrossEntropyCase {
  batch: number;
  classes: number;
  label_smoothing: number;
  logits: number[];
  labels: number[];
  loss: number;
  dlogits: number[];
  probs: number[];
  correct: number;
}

/** Per-pixel cross-entropy: logits [B, K, H, W], labels [B, H, W] flattened, loss the mean over pixels. */
export interface CrossEntropy2dCase {
  shape: number[];
  label_smoothing: number;
  logits: number[];
  labels: number[];
  loss: number;
  dlogits: number[];
  probs: number[];
  /** Pixels whose first maximum is the label. */
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

export function crossEntropy2dCases(): CrossEntropy2dCase[] {
  return loadFixture('loss').cross_entropy2d as unknown as CrossEntropy2dCase[];
}

export function elementCases(name: 'mse' | 'bce_with_logits'): ElementCase[] {
  return loadFixture('loss')[name] as unknown as ElementCase[];
}
