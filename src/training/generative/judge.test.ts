// The committed judge (public/models/judge-lenet5.safetensors, made by scripts/generative/train-judge.ts)
// against MNIST's test set: its accuracy, and the scores of real digits and of noise.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { createNodeWasmOps } from '../../engine/wasm/testing/node';
import { exportWeights } from '../../network/export/weights-file';
import { Prng } from '../prng';
import { JUDGE_PATH, judgeSpec, loadJudge } from './judge';
import { agreement, digitScores } from './scores';
import { imagesOf, loadMnist } from './testing-mnist';

const judgeBytes = () => readFile(new URL(`../../../public/${JUDGE_PATH}`, import.meta.url));

describe('the judge', () => {
  it('recognises at least 99% of the 10,000 test digits and scores them near 10, noise near 1', async () => {
    const data = await loadMnist();
    const ops = await createNodeWasmOps(1);
    try {
      const judge = loadJudge(new Uint8Array(await judgeBytes()), ops);
      const probs = judge.classify(imagesOf(data, 'test', 0, data.test.available));
      const accuracy = agreement(probs, data.test.labels);
      const real = digitScores(probs.subarray(0, 1000 * 10));
      const prng = new Prng(3);
      const noise = digitScores(judge.classify(Float32Array.from({ length: 1000 * 784 }, () => prng.next())));
      process.stdout.write(
        `judge: test accuracy ${(100 * accuracy).toFixed(2)}%, inception score of 1,000 test digits ` +
          `${real.inceptionScore.toFixed(2)}, of 1,000 noise images ${noise.inceptionScore.toFixed(2)}\n`,
      );
      expect(accuracy).toBeGreaterThanOrEqual(0.99);
      expect(real.inceptionScore).toBeGreaterThan(9.3);
      expect(real.confidence).toBeGreaterThan(0.97);
      expect(noise.inceptionScore).toBeLessThan(1.5);
    } finally {
      ops.dispose();
    }
  }, 60_000);

  it('refuses weights of another design, naming what does not fit', () => {
    const spec = judgeSpec();
    // Only LeNet-5's first convolution: a file of a one-layer design.
    const conv1 = {
      layerIndex: 0,
      tensors: [
        { name: 'weight', shape: [6, 1, 5, 5], data: new Float32Array(150) },
        { name: 'bias', shape: [6], data: new Float32Array(6) },
      ],
    };
    const bytes = exportWeights({ ...spec, layers: spec.layers.slice(0, 1) }, [conv1]);
    expect(() => loadJudge(bytes)).toThrow(
      /the judge's weights do not fit LeNet-5: missing tensor "conv2.weight"/,
    );
  });
});
