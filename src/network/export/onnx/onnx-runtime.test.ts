// Every preset's model.onnx run by onnxruntime-node gives the playground's own forward pass (its CPU
// backend) within 1e-5, on seeded random weights and inputs.
import { describe, expect, it } from 'vitest';
import { analyzeSpec } from '../../analyze';
import { PRESETS } from '../../presets';
import { compareWithRuntime, largestDifference } from './testing/onnx-runtime';

const TOLERANCE = 1e-5;
const BATCH = 3;

describe('presets through onnxruntime-node', () => {
  PRESETS.forEach((preset, i) => {
    it(`${preset.id}: the ONNX model's outputs equal the playground's`, async () => {
      const run = await compareWithRuntime(preset.spec, 300 + i, BATCH);
      expect(run.dims).toEqual([BATCH, ...(analyzeSpec(preset.spec).outputShape ?? [])]);
      expect(run.onnx.length).toBe(run.playground.length);
      expect(largestDifference(run.onnx, run.playground)).toBeLessThanOrEqual(TOLERANCE);
    });
  });
});
