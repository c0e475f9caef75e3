// weights.safetensors for a design, and the way back: a file's tensors checked against the design.
import type { NetworkSpec } from '../spec';
import { readSafetensors, writeSafetensors, type ReadOptions } from './safetensors';
import {
  isIgnoredKey,
  mapImportedTensors,
  stateDictTensors,
  type ImportResult,
  type LayerTensors,
} from './state-dict';
import { isTorchPickle, TORCH_PICKLE_MESSAGE } from './torch-pickle';

/** The design's weights as PyTorch state_dict tensors in an F32 safetensors file. */
export function exportWeights(spec: NetworkSpec, weights: readonly LayerTensors[]): Uint8Array {
  return writeSafetensors(stateDictTensors(spec, weights), { format: 'pt', source: 'CNN Playground' });
}

/**
 * Reads a safetensors file and maps it onto the design, or says what does not fit. Nothing is applied
 * here: the caller replaces its weights only on { ok: true }, so a refused file changes nothing.
 */
export function importWeights(
  spec: NetworkSpec,
  bytes: Uint8Array,
  options: Omit<ReadOptions, 'ignore'> = {},
): ImportResult {
  if (isTorchPickle(bytes))
    return { ok: false, error: TORCH_PICKLE_MESSAGE, problems: [TORCH_PICKLE_MESSAGE] };
  const file = readSafetensors(bytes, { ...options, ignore: isIgnoredKey });
  if (!file.ok) return { ok: false, error: file.error, problems: [file.error] };
  return mapImportedTensors(spec, file.tensors);
}
