// A quick Node profile of our LeNet-5 training step on SwiftShader, outside the browser bench:
//   node --import ./scripts/engine-node.mjs bench/step-profile.ts [batch ...]
// Per batch it prints whole-step throughput (wall and process CPU time over back-to-back steps, one sync
// at the end) and the process CPU time of every dispatch of one step replayed on its own: on this shared
// 2-core machine CPU time is far steadier than wall time.
import { acquireGpu } from '../src/gpu/device';
import { GpuModel } from '../src/model/gpu-model';
import { packBytes } from '../src/engine/ops/gather-batch';
import { recordDispatches, type RecordedDispatch } from './dispatch-recorder';
import { lenetModel } from './setup';

const RECORDS = 4096;

function storage(device: GPUDevice, data: Uint32Array): GPUBuffer {
  const buffer = device.createBuffer({
    size: Math.max(16, data.byteLength),
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
  });
  device.queue.writeBuffer(buffer, 0, data);
  return buffer;
}

function build(device: GPUDevice, batch: number): GpuModel {
  const { desc, init } = lenetModel(batch);
  const model = new GpuModel(device, desc, {
    batch,
    seed: 1,
    normalisation: { mean: 0.1307, std: 0.3081 },
    optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9, dampening: 0, weightDecay: 0, nesterov: false },
  });
  device.queue.writeBuffer(model.params.buffer, 0, init.params);
  const pixels = Uint8Array.from({ length: RECORDS * 784 }, (_, i) => (i * 2654435761) >>> 24);
  const labels = Uint8Array.from({ length: RECORDS }, (_, i) => i % 10);
  const order = Uint32Array.from({ length: RECORDS }, (_, i) => (i * 7) % RECORDS);
  const images = storage(device, packBytes(pixels));
  const labelBuf = storage(device, packBytes(labels));
  const orderBuf = storage(device, order);
  model.bindDataset({
    trainImages: images,
    trainLabels: labelBuf,
    trainOrder: orderBuf,
    testImages: images,
    testLabels: labelBuf,
    testOrder: orderBuf,
  });
  return model;
}

/** Process CPU milliseconds (SwiftShader's worker threads run in this process) per run of `d`, best of 3. */
async function cpuMs(device: GPUDevice, d: RecordedDispatch, reps: number): Promise<number> {
  const once = async (n: number) => {
    const encoder = device.createCommandEncoder();
    const pass = encoder.beginComputePass();
    pass.setPipeline(d.pipeline);
    d.bindGroups.forEach((g, i) => pass.setBindGroup(i, g));
    for (let r = 0; r < n; r++) pass.dispatchWorkgroups(...d.workgroups);
    pass.end();
    const c0 = process.cpuUsage();
    device.queue.submit([encoder.finish()]);
    await device.queue.onSubmittedWorkDone();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000 / n;
  };
  await once(1);
  const times = [await once(reps), await once(reps), await once(reps)];
  return Math.min(...times);
}

async function throughput(device: GPUDevice, model: GpuModel, batch: number, steps: number) {
  const per = RECORDS / batch;
  for (let k = 0; k < 3; k++) model.step((k % per) * batch, k);
  await device.queue.onSubmittedWorkDone();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let k = 0; k < steps; k++) {
    model.step((k % per) * batch, k);
    // At most two steps in flight, as the trainer runs.
    if (k % 2 === 1) await device.queue.onSubmittedWorkDone();
  }
  await device.queue.onSubmittedWorkDone();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { wallImgS: (steps * batch * 1000) / ms, cpuMsPerStep: cpuMs / steps, wallMsPerStep: ms / steps };
}

const batches = process.argv
  .slice(2)
  .map(Number)
  .filter((b) => b > 0);
const { device } = await acquireGpu();
for (const batch of batches.length ? batches : [64]) {
  const model = build(device, batch);
  const steps = Math.max(4, Math.round(1024 / batch));
  const t = await throughput(device, model, batch, steps);
  if (process.env.PROFILE_NO_KERNELS) {
    process.stdout.write(
      `batch ${batch}: ${t.cpuMsPerStep.toFixed(1)} ms CPU/step, ${t.wallImgS.toFixed(0)} img/s wall\n`,
    );
    model.destroy();
    continue;
  }
  const dispatches = recordDispatches(() => model.step(0, 0));
  await device.queue.onSubmittedWorkDone();
  const ms: number[] = [];
  for (const d of dispatches) ms.push(await cpuMs(device, d, Math.max(2, Math.round(256 / batch))));
  const total = ms.reduce((a, b) => a + b, 0);
  const lines = dispatches.map(
    (d, i) =>
      `${ms[i].toFixed(2).padStart(8)} ms ${((100 * ms[i]) / total).toFixed(0).padStart(3)}%  ` +
      `${d.kernel.padEnd(34)} ${d.op.padEnd(40)} wg ${d.workgroups.join('x')}`,
  );
  process.stdout.write(
    `batch ${batch}: ${t.wallImgS.toFixed(0)} img/s wall (${t.wallMsPerStep.toFixed(1)} ms/step), ` +
      `${t.cpuMsPerStep.toFixed(1)} ms CPU/step (${((batch * 1000) / t.cpuMsPerStep).toFixed(0)} img per CPU-s), ` +
      `load ${(await import('node:os')).loadavg()[0].toFixed(1)}\n` +
      `${dispatches.length} dispatches, isolated CPU ms sum ${total.toFixed(1)} ms\n${lines.join('\n')}\n`,
  );
  model.destroy();
}
device.destroy();
