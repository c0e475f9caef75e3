// Trains the judge (LeNet-5) with the engine: the CPU model on the WebAssembly SIMD kernels, MNIST from
// public/data, the trainer's own shuffling and batch gathering, Adam with the learning rate decayed
// linearly to a tenth. Prints the test accuracy after each epoch and writes the weights as safetensors.
//   node --import ./scripts/engine-node.mjs scripts/generative/train-judge.ts [out.safetensors]
import { writeFile } from 'node:fs/promises';
import { gatherBatch } from '../../src/engine/reference/gather-batch';
import { createNodeWasmOps } from '../../src/engine/wasm/testing/node';
import { CpuModel } from '../../src/model/cpu-model';
import { describeModel } from '../../src/model/describe';
import { initialState } from '../../src/model/init';
import { exportWeights } from '../../src/network/export/weights-file';
import { judgeSpec, loadJudge } from '../../src/training/generative/judge';
import { agreement } from '../../src/training/generative/scores';
import { imagesOf, loadMnist } from '../../src/training/generative/testing-mnist';
import { snapshotFromState } from '../../src/training/load-weights';
import { NORMALISATION } from '../../src/training/normalisation';
import { deriveSeed, Prng } from '../../src/training/prng';
import { EpochSchedule, SEED_STREAM } from '../../src/training/schedule';

const SEED = 17;
const BATCH = 64;
const EPOCHS = 6;
const LR = 1e-3;
const out = process.argv[2] ?? 'public/models/judge-lenet5.safetensors';

const data = await loadMnist();
const spec = judgeSpec();
const desc = describeModel(spec.input.shape, spec.layers);
const ops = await createNodeWasmOps(1);
const adam = { kind: 'adam' as const, lr: LR, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 };
const model = new CpuModel(desc, BATCH, adam, SEED, { ops });
const prng = new Prng(deriveSeed(SEED, SEED_STREAM.init));
const init = initialState(desc, () => prng.next());
model.params.set(init.params);
model.buffers.set(init.buffers);

const schedule = new EpochSchedule(SEED, BATCH);
const available = data.train.available;
const total = EPOCHS * Math.floor(available / BATCH);
const testImages = imagesOf(data, 'test', 0, data.test.available);
const source = { images: data.train.images, labels: data.train.labels, pixels: data.pixels };
const cpu0 = process.cpuUsage();
let lossSum = 0;
for (let step = 0; step < total; step++) {
  model.setOptimizer({ ...adam, lr: LR * (1 - (0.9 * step) / total) });
  const start = schedule.next(available)!;
  gatherBatch(source, schedule.order, start, BATCH, NORMALISATION, model.input, model.labels);
  lossSum += model.step(step).lossSum;
  if (schedule.stepInEpoch === schedule.stepsInEpoch) {
    const state = { params: model.params.slice(), buffers: model.buffers.slice() };
    const bytes = exportWeights(spec, snapshotFromState(desc, state));
    const accuracy = agreement(loadJudge(bytes, ops).classify(testImages), data.test.labels);
    const cpu = process.cpuUsage(cpu0);
    console.log(
      `epoch ${schedule.epoch + 1}: train loss ${(lossSum / (schedule.stepsInEpoch * BATCH)).toFixed(4)}, ` +
        `test accuracy ${(100 * accuracy).toFixed(2)}%, ${((cpu.user + cpu.system) / 1e6).toFixed(0)} CPU-s`,
    );
    lossSum = 0;
    if (schedule.epoch + 1 === EPOCHS) await writeFile(out, bytes);
  }
}
console.log(`wrote ${out}`);
ops.dispose();
