// Every layer kind's ONNX lowering (testing/kind-designs.ts), run by onnxruntime-node against the
// playground's CPU backend within 1e-5.
import { describe, expect, it } from 'vitest';
import { analyzeSpec } from '../../analyze';
import { LAYER_KINDS } from '../../spec';
import { KIND_DESIGNS } from './testing/kind-designs';
import { compareWithRuntime, largestDifference } from './testing/onnx-runtime';

const TOLERANCE = 1e-5;

describe('every layer kind through onnxruntime-node', () => {
  it('the designs below hold every kind', () => {
    const used = new Set(
      Object.values(KIND_DESIGNS).flatMap((spec) => spec.layers.map((layer) => layer.kind)),
    );
    expect(LAYER_KINDS.filter((kind) => !used.has(kind))).toEqual([]);
  });

  Object.entries(KIND_DESIGNS).forEach(([name, spec], i) => {
    it(`${name}: equal outputs`, async () => {
      const analysis = analyzeSpec(spec);
      expect(analysis.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
      const run = await compareWithRuntime(spec, 500 + i, 2);
      expect(run.dims).toEqual([2, ...(analysis.outputShape ?? [])]);
      expect(largestDifference(run.onnx, run.playground)).toBeLessThanOrEqual(TOLERANCE);
    });
  });
});
