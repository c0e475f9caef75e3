// The bench's soak in Node, where the heap can be looked into: LeNet-5 on WebGPU (TrainerCore as the worker
// runs it), a warm-up, then chunks of steps with the heap measured after a full GC at each checkpoint. With
// --snapshots, heap snapshots at the first and last checkpoints are compared per constructor, naming what
// the growth is made of. Figures are reported, never asserted.
//   node --expose-gc --import ./scripts/engine-node.mjs bench/node/soak-heap.ts [--steps 5000] [--chunk 500] [--snapshots]
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { growth, perConstructor } from '../driver/heap-diff.mjs';
import { TrainerCore } from '../../src/training/core';
import type { EventOf, TrainerEvent, TrainerEventType } from '../../src/training/protocol';
import { benchHyper, lenetSpec } from '../setup';
import { fileFetch } from './file-fetch';

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const STEPS = arg('--steps', 5000);
const CHUNK = arg('--chunk', 500);
const SNAPSHOTS = args.includes('--snapshots');
const say = (line: string) => process.stdout.write(`${line}\n`);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

/** Waits on the core's events; only pending waits are held, never the event history (as bench/ours-trainer.ts). */
function tap() {
  const waits = new Set<(e: TrainerEvent) => void>();
  const emit = (e: TrainerEvent) => {
    for (const w of [...waits]) w(e);
  };
  const next = <T extends TrainerEventType>(type: T, test: (e: EventOf<T>) => boolean = () => true) =>
    new Promise<EventOf<T>>((resolve, reject) => {
      const wait = (e: TrainerEvent) => {
        if (e.type === 'error' || e.type === 'datasetError') {
          waits.delete(wait);
          reject(new Error(`trainer: ${e.message}`));
        } else if (e.type === type && test(e as EventOf<T>)) {
          waits.delete(wait);
          resolve(e as EventOf<T>);
        }
      };
      waits.add(wait);
    });
  return { emit, next };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Heap used after two full collections (the second catches what the first's finalizers freed). */
async function heapUsed() {
  await sleep(200);
  gc!();
  await sleep(50);
  gc!();
  return process.memoryUsage().heapUsed;
}

const t = tap();
const core = new TrainerCore(t.emit, { fetch: fileFetch, reportEvery: 20 });
const send = (r: Parameters<TrainerCore['handle']>[0]) => core.handle(r);
const ready = t.next('ready');
await send({ type: 'init' });
if ((await ready).backend !== 'webgpu') throw new Error('no WebGPU adapter');
const loaded = t.next('datasetReady');
await send({ type: 'loadDataset', id: 'mnist', baseUrl: '/data' });
await send({ type: 'setHyper', hyper: benchHyper(64) });
await send({ type: 'setSpec', spec: lenetSpec() });
await loaded;

async function train(steps: number) {
  const target = core.current.step + steps;
  const reached = t.next('metrics', (m) => m.step >= target);
  await send({ type: 'start' });
  await reached;
  await send({ type: 'pause' });
}

// Warm-up as the browser soak does: pipelines, the first evaluation.
await train(100);
const evaluated = t.next('gallery');
await send({ type: 'evaluate' });
await evaluated;
const snapDir = tmpdir();
const before = { step: core.current.step, heap: await heapUsed() };
const first = SNAPSHOTS ? writeHeapSnapshot(path.join(snapDir, 'soak-first.heapsnapshot')) : '';
say(`soak: from step ${before.step}, heap ${before.heap} B`);
const points = [];
for (let done = 0; done < STEPS; done = core.current.step - before.step) {
  await train(Math.min(CHUNK, STEPS - done));
  const p = { step: core.current.step, heap: await heapUsed() };
  points.push(p);
  say(`  step ${p.step}: heap ${p.heap} B (${p.heap - before.heap >= 0 ? '+' : ''}${p.heap - before.heap})`);
}
const after = points[points.length - 1];
say(
  `soak: ${after.step - before.step} steps, heap growth ${after.heap - before.heap} B ` +
    `(${((after.heap - before.heap) / (after.step - before.step)).toFixed(1)} B/step)`,
);
if (SNAPSHOTS) {
  const last = writeHeapSnapshot(path.join(snapDir, 'soak-last.heapsnapshot'));
  const read = (file: string) => perConstructor(JSON.parse(readFileSync(file, 'utf8')));
  const rows = growth(read(first), read(last));
  say('largest growth per constructor (count, bytes) between the first and last checkpoints:');
  for (const r of rows) say(`  ${r.name.slice(0, 60).padEnd(60)} ${r.count} ${r.bytes}`);
  rmSync(first);
  rmSync(last);
}
await send({ type: 'dispose' });
process.exit(0);
