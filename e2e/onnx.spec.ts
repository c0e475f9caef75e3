// Export → Download model.onnx: the file holds the weights the trainer holds (the same bytes the export
// writes from the page's weights.safetensors) and ONNX Runtime runs it. That those bytes compute the
// playground's outputs is the unit tests' part (src/network/export/onnx/*.test.ts, every preset and kind).
import { expect, test } from '@playwright/test';
import * as ort from 'onnxruntime-node';
import { exportOnnx } from '../src/network/export/onnx/export';
import { seededRandom, uniformArray } from '../src/network/export/testing/random-weights';
import { importWeights } from '../src/network/export/weights-file';
import { presetSpec } from '../src/network/presets';
import { downloadOf, notice, openLoaded } from './app';

test('the Export menu downloads model.onnx of the current weights, which ONNX Runtime runs', async ({
  page,
}) => {
  await openLoaded(page);
  const onnx = await downloadOf(page, 'Download model.onnx');
  expect(onnx.name).toBe('model.onnx');
  await expect(notice(page, 'Downloaded model.onnx (ONNX opset 17)')).toBeVisible();

  const lenet = presetSpec('lenet-5');
  const file = await downloadOf(page, 'Download weights.safetensors');
  const weights = importWeights(lenet, file.bytes);
  if (!weights.ok) throw new Error(weights.error);
  expect(onnx.bytes).toEqual(exportOnnx(lenet, weights.weights));

  const batch = 2;
  const input = uniformArray(seededRandom(9), batch * 28 * 28, -1, 2);
  const session = await ort.InferenceSession.create(onnx.bytes);
  const result = await session.run({ input: new ort.Tensor('float32', input, [batch, 1, 28, 28]) });
  await session.release();
  expect(result.output.dims).toEqual([batch, 10]);
  const logits = Array.from(result.output.data as Float32Array);
  expect(logits.every(Number.isFinite)).toBe(true);
  // Two different inputs give different class scores: the graph computes, it does not pass a constant.
  expect(logits.slice(0, 10)).not.toEqual(logits.slice(10));
});
