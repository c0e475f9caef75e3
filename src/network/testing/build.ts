// Test helpers: terse spec construction and a fixer that applies offered fixes until the spec is valid.
import { expect } from 'vitest';
import { analyzeSpec } from '../analyze';
import { applyFix } from '../issues';
import type { DatasetId, Layer, LayerKind, LayerOf, NetworkSpec, Task } from '../spec';
import { defaultLayer, inputFor } from '../spec';

let counter = 0;

/** A layer with PyTorch defaults, the given parameters and a unique readable id. */
export function L<K extends LayerKind>(
  kind: K,
  params: Partial<Omit<LayerOf<K>, 'kind' | 'id'>> = {},
): Layer {
  return { ...defaultLayer(kind, `${kind.toLowerCase()}-t${++counter}`), ...params } as Layer;
}

export function net(
  layers: Layer[],
  options: { task?: Task; autoWire?: boolean; dataset?: DatasetId; latentDim?: number } = {},
): NetworkSpec {
  const task = options.task ?? 'classification';
  const spec: NetworkSpec = {
    version: 2,
    name: 'test',
    input: inputFor(task, options.dataset ?? 'mnist', options.latentDim),
    task,
    autoWire: options.autoWire ?? true,
    layers,
  };
  if (task === 'generator') spec.latentDim = spec.input.shape[0];
  return spec;
}

/** Apply the first offered error fix, repeatedly; returns the valid spec or throws with the last messages. */
export function fixUntilValid(spec: NetworkSpec, maxSteps = 6): NetworkSpec {
  let current = spec;
  for (let step = 0; ; step++) {
    const analysis = analyzeSpec(current);
    if (analysis.valid) return current;
    if (step === maxSteps)
      throw new Error(
        `still invalid after ${maxSteps} fixes: ${analysis.issues.map((i) => i.message).join(' | ')}`,
      );
    const fix = analysis.issues.find((i) => i.severity === 'error' && i.fix)?.fix;
    if (!fix) throw new Error(`no fix offered for: ${analysis.issues.map((i) => i.message).join(' | ')}`);
    current = applyFix(current, fix);
  }
  throw new Error(
    `still invalid after ${maxSteps} fixes: ${analyzeSpec(current)
      .issues.map((i) => i.message)
      .join(' | ')}`,
  );
}

/** The messages of the errors (or warnings) of an analysis. */
export function messages(spec: NetworkSpec, severity: 'error' | 'warning' = 'error'): string[] {
  return analyzeSpec(spec)
    .issues.filter((i) => i.severity === severity)
    .map((i) => i.message);
}

/** The first error must carry a fix, and applying fixes must end in a valid spec. */
export function expectFixable(spec: NetworkSpec): void {
  const first = analyzeSpec(spec).issues.find((i) => i.severity === 'error');
  expect(first?.fix).toBeDefined();
  expect(analyzeSpec(fixUntilValid(spec)).valid).toBe(true);
}
