// Turning raw numbers from a backend into the reports the page shows: evaluation summaries from logits,
// the divergence message, and the throughput meter.
import { formatMagnitude } from '../network/export/weight-checks';
import { EXPLOSION_FACTOR, type Explosion } from './loss-watch';
import type { EvaluationReport } from './protocol';

export const CLASSES = 10;

export interface EvaluationSummary {
  loss: number;
  accuracy: number;
  /** CLASSES x CLASSES counts, row = true label. */
  confusion: number[];
}

/** Softmax of one row of logits into `out` (max-subtracted, so large logits do not overflow). */
export function softmaxRow(logits: Float32Array, row: number, classes: number, out: Float32Array): void {
  const base = row * classes;
  let max = -Infinity;
  for (let j = 0; j < classes; j++) max = Math.max(max, logits[base + j]);
  let sum = 0;
  for (let j = 0; j < classes; j++) sum += Math.exp(logits[base + j] - max);
  for (let j = 0; j < classes; j++) out[j] = Math.exp(logits[base + j] - max) / sum;
}

/** Argmax with the first maximum winning, like torch.argmax. */
export function argmaxRow(logits: Float32Array, row: number, classes: number): number {
  const base = row * classes;
  let best = 0;
  for (let j = 1; j < classes; j++) if (logits[base + j] > logits[base + best]) best = j;
  return best;
}

/**
 * Mean cross-entropy, accuracy and confusion matrix of `count` rows of logits, summed in float64.
 * Evaluation reads logits back once per pass (10k x 10 floats = 400 KB), which also feeds the gallery.
 */
export function summariseLogits(
  logits: Float32Array,
  labels: Uint8Array,
  count: number,
  classes = CLASSES,
): EvaluationSummary {
  const confusion = new Array<number>(classes * classes).fill(0);
  let loss = 0;
  let correct = 0;
  for (let i = 0; i < count; i++) {
    const base = i * classes;
    let max = -Infinity;
    for (let j = 0; j < classes; j++) max = Math.max(max, logits[base + j]);
    let sum = 0;
    for (let j = 0; j < classes; j++) sum += Math.exp(logits[base + j] - max);
    const label = labels[i];
    loss += max + Math.log(sum) - logits[base + label];
    const predicted = argmaxRow(logits, i, classes);
    if (predicted === label) correct += 1;
    confusion[label * classes + predicted] += 1;
  }
  return { loss: loss / count, accuracy: correct / count, confusion };
}

export function evaluationReport(s: EvaluationSummary, epoch: number, step: number): EvaluationReport {
  return { epoch, step, testLoss: s.loss, testAccuracy: s.accuracy, confusion: s.confusion };
}

/**
 * What a divergence is put down to: the learning rate, unless the run began from loaded weights of absurd
 * size (`loadedLargest`, their largest magnitude), which overflow at any learning rate.
 */
export interface DivergenceCause {
  lr: number;
  loadedLargest: number | null;
}

/** The message shown when training diverges: what happened, and what to try. */
export function divergenceMessage(
  step: number,
  lr: number,
  what: 'loss' | 'weights',
  value: number,
  loadedLargest: number | null = null,
): string {
  const became = Number.isNaN(value) ? 'NaN' : 'infinite';
  return `The ${what === 'loss' ? 'loss' : 'weights'} became ${became} at step ${step}: ${blame({ lr, loadedLargest })}`;
}

/** The message for a loss that stayed far above where training began without becoming NaN. */
export function explosionMessage(step: number, explosion: Explosion, cause: DivergenceCause): string {
  return (
    `The loss rose to ${shortNumber(explosion.loss)} by step ${step} and stayed above ${shortNumber(explosion.limit)}, ` +
    `${EXPLOSION_FACTOR} times where training began, for ${explosion.steps} steps: ${blame(cause)}`
  );
}

function blame({ lr, loadedLargest }: DivergenceCause): string {
  if (loadedLargest !== null)
    return (
      `the loaded weights hold values as large as ${formatMagnitude(loadedLargest)}, too large to train from at any learning rate. ` +
      'Load other weights, or press Reset to start from fresh ones.'
    );
  const suggestion = Math.min(0.01, lr / 10);
  return `the learning rate ${lr} is too high. Lower it (try ${formatLr(suggestion)}) and press Reset.`;
}

function shortNumber(value: number): string {
  return Number(value.toPrecision(3)).toString();
}

function formatLr(lr: number): string {
  return Number(lr.toPrecision(2)).toString();
}

/** Images per second and ms per step over the interval since the previous reading. */
export class Throughput {
  private lastTime: number;
  private steps = 0;
  private images = 0;

  constructor(private readonly now: () => number = () => performance.now()) {
    this.lastTime = now();
  }

  add(steps: number, images: number): void {
    this.steps += steps;
    this.images += images;
  }

  /** Restarts the interval (after a pause, so idle time does not count). */
  restart(): void {
    this.lastTime = this.now();
    this.steps = 0;
    this.images = 0;
  }

  read(): { imagesPerSecond: number; stepMs: number } {
    const t = this.now();
    const ms = Math.max(t - this.lastTime, 1e-3);
    const out = {
      imagesPerSecond: (this.images * 1000) / ms,
      stepMs: this.steps > 0 ? ms / this.steps : 0,
    };
    this.lastTime = t;
    this.steps = 0;
    this.images = 0;
    return out;
  }
}
