// Typed views of the PyTorch dense-task fixtures (src/engine/fixtures/dense.json), shared by the CPU and GPU tests.
import { loadFixture } from '../fixtures/load';

/** Per-pixel cross-entropy with class weights: weight=w, reduction='none', then the mean over pixels. */
export interface WeightedCrossEntropy2dCase {
  shape: number[];
  weights: number[];
  logits: number[];
  labels: number[];
  loss: number;
  dlogits: number[];
  correct: number;
}

/** CenterNet's loss: output and target [B, K + 4, h, w] flattened, mask [B, h, w]; `shape` is [B, K, h, w]. */
export interface CenterNetLossCase {
  shape: number[];
  output: number[];
  target: number[];
  mask: number[];
  loss: number;
  grad: number[];
}

export interface CenterNetDecodeCase {
  shape: number[];
  stride: number;
  output: number[];
  /** [B, h·w, 6] */
  decoded: number[];
}

export interface ConfusionCase {
  shape: number[];
  logits: number[];
  labels: number[];
  predicted: number[];
  confusion: number[];
}

const dense = () => loadFixture('dense');

export const weightedCrossEntropy2dCases = () =>
  dense().cross_entropy2d_weighted as unknown as WeightedCrossEntropy2dCase[];
export const centerNetLossCases = () => dense().centernet_loss as unknown as CenterNetLossCase[];
export const centerNetDecodeCases = () => dense().centernet_decode as unknown as CenterNetDecodeCase[];
export const confusionCases = () => dense().segmentation_confusion as unknown as ConfusionCase[];
