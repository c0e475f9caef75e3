// GPU memory estimate and the size guard: a design that cannot fit is refused with the numbers.
import { tr } from '../i18n';
import { definitionOf } from '../layers';
import type { SpecIssue } from './issues';
import { layerIssue, layerName, networkIssue } from './issue-helpers';
import type { Layer, Shape } from './spec';
import { formatShape } from './spec';

export interface MemoryLimits {
  /** Largest single GPU buffer (WebGPU's maxStorageBufferBindingSize; all parameters share one buffer). */
  maxBufferBytes: number;
  /** Memory the whole model may use for one training step. */
  maxTotalBytes: number;
}

/** WebGPU's default maxStorageBufferBindingSize (128 MiB) and a conservative 1 GiB in all. */
export const DEFAULT_LIMITS: MemoryLimits = { maxBufferBytes: 128 * 2 ** 20, maxTotalBytes: 2 ** 30 };

export interface MemoryEstimate {
  /** Weights, their gradients and two optimizer moments (Adam), plus BatchNorm running statistics. */
  paramBytes: number;
  /** Every layer's input and output for the batch, and their gradients. */
  activationBytes: number;
  totalBytes: number;
}

/** What the estimate needs from each analysed layer. */
export interface SizedLayer {
  layer: Layer;
  index: number;
  outputShape: Shape | null;
  params: number;
  buffers: number;
}

const FLOAT = 4;
// Views (Flatten, Unflatten) share their input's buffer: no memory of their own.
const isView = (l: SizedLayer) => Boolean(definitionOf(l.layer.kind).traits?.view);
const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

export function memoryOf(input: Shape, layers: readonly SizedLayer[], batchSize: number): MemoryEstimate {
  let params = 0;
  let values = size(input);
  for (const l of layers) {
    params += 4 * l.params + l.buffers;
    if (l.outputShape && !isView(l)) values += size(l.outputShape);
  }
  const paramBytes = params * FLOAT;
  const activationBytes = 2 * values * batchSize * FLOAT;
  return { paramBytes, activationBytes, totalBytes: paramBytes + activationBytes };
}

/** "128 MiB", "1.5 GiB", "512 bytes". */
export function formatBytes(n: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const shown = u === 0 || Number.isInteger(v) ? String(v) : v.toFixed(1);
  return `${shown} ${units[u]}`;
}

/** Layer buffers over the per-buffer limit, then the whole model over the total budget. */
export function checkMemory(
  input: Shape,
  layers: readonly SizedLayer[],
  batchSize: number,
  limits: MemoryLimits,
): SpecIssue[] {
  const issues: SpecIssue[] = [];
  const cap = formatBytes(limits.maxBufferBytes);
  for (const l of layers) {
    const name = layerName(l.index, l.layer);
    if (l.outputShape && !isView(l) && size(l.outputShape) * batchSize * FLOAT > limits.maxBufferBytes) {
      const bytes = formatBytes(size(l.outputShape) * batchSize * FLOAT);
      const message = tr('network:memory.output', {
        name,
        batch: batchSize,
        shape: formatShape(l.outputShape),
        bytes,
        cap,
      });
      issues.push(layerIssue(l.index, l.layer, 'error', message));
    }
    if (l.params * FLOAT > limits.maxBufferBytes) {
      const message = tr('network:memory.params', {
        name,
        n: l.params,
        bytes: formatBytes(l.params * FLOAT),
        cap,
      });
      issues.push(layerIssue(l.index, l.layer, 'error', message));
    }
  }
  const totalParams = layers.reduce((a, l) => a + l.params, 0);
  if (issues.length === 0 && totalParams * FLOAT > limits.maxBufferBytes) {
    const message = tr('network:memory.total', {
      n: totalParams,
      bytes: formatBytes(totalParams * FLOAT),
      cap,
    });
    issues.push(networkIssue('error', message));
  }
  const m = memoryOf(input, layers, batchSize);
  if (m.totalBytes > limits.maxTotalBytes) {
    const message = tr('network:memory.totalGpu', {
      total: formatBytes(m.totalBytes),
      batch: batchSize,
      params: formatBytes(m.paramBytes),
      activations: formatBytes(m.activationBytes),
      limit: formatBytes(limits.maxTotalBytes),
    });
    issues.push(networkIssue('error', message));
  }
  return issues;
}
