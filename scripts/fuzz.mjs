// `npm run fuzz`: issue 10's full fuzz on this machine's WebGPU (SwiftShader when there is no GPU).
// Random layer stacks from a seed; each must be refused with a plain message or train one step with no
// WebGPU error and the inferred shapes; where affordable it is also checked against the CPU reference, and
// the WebAssembly SIMD ops (on --wasm-threads threads, default 2; 0 leaves them out) against that.
// Prints the counts; exits 1 when any design failed.
//   npm run fuzz -- [--seed N] [--count N] [--batch N] [--wasm-threads N]
//   (or FUZZ_SEED, FUZZ_COUNT, FUZZ_BATCH, FUZZ_WASM_THREADS)
// Runs under `node --import ./scripts/engine-node.mjs`, which gives Node WebGPU and TypeScript.
import { parseArgs } from 'node:util';
import { createNodeWasmOps } from '../src/engine/wasm/testing/node.ts';
import { acquireGpu } from '../src/gpu/device.ts';
import { runFuzz } from '../src/training/fuzz/run.ts';

const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    count: { type: 'string' },
    batch: { type: 'string' },
    'wasm-threads': { type: 'string' },
  },
});
const number = (arg, env, fallback) => {
  const n = Number(arg ?? process.env[env] ?? fallback);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(
      `${env.toLowerCase().replace('fuzz_', '--')} must be a whole number, got ${arg ?? process.env[env]}\n`,
    );
    process.exit(2);
  }
  return n;
};
const seed = number(values.seed, 'FUZZ_SEED', 1);
const count = number(values.count, 'FUZZ_COUNT', 1000);
const batchSize = number(values.batch, 'FUZZ_BATCH', 2);
const wasmThreads = number(values['wasm-threads'], 'FUZZ_WASM_THREADS', 2);

let uncaught = 0;
process.on('unhandledRejection', (reason) => {
  uncaught++;
  process.stderr.write(`unhandled rejection: ${reason instanceof Error ? reason.stack : reason}\n`);
});

const { device, info } = await acquireGpu();
const gpuErrors = [];
device.addEventListener('uncapturederror', (e) => gpuErrors.push(e.error.message));
const wasm = wasmThreads > 0 ? await createNodeWasmOps(wasmThreads) : undefined;
console.log(
  `fuzz: seed ${seed}, ${count} designs, batch ${batchSize}, on ${info.vendor} ${info.architecture}` +
    (wasm ? ` and the WebAssembly ops on ${wasmThreads} thread${wasmThreads > 1 ? 's' : ''}` : ''),
);
const started = performance.now();
const summary = await runFuzz(device, {
  seed,
  count,
  batchSize,
  wasm,
  onResult: (index, spec, outcome) => {
    if (outcome.kind === 'failure') {
      console.log(`FAIL #${index}: ${outcome.reason}`);
      console.log(`  design: ${JSON.stringify(spec)}`);
    }
    if ((index + 1) % 100 === 0) console.log(`  ${index + 1} of ${count}`);
  },
});
const failures = summary.failures.length + uncaught + gpuErrors.length;
console.log('most frequent refusals (numbers blanked):');
for (const [message, n] of [...summary.refusals].sort((a, b) => b[1] - a[1]).slice(0, 8))
  console.log(`  ${String(n).padStart(4)}  ${message}`);
for (const e of gpuErrors) console.log(`uncaptured WebGPU error: ${e}`);
console.log(
  `accepted (trained one step): ${summary.accepted} (${summary.comparedWithCpu} also checked on the CPU, ` +
    `${summary.comparedWithWasm} of them on the WebAssembly ops too)`,
);
console.log(`rejected with a message:     ${summary.rejected}`);
console.log(`failures:                    ${failures}`);
console.log(`time: ${((performance.now() - started) / 1000).toFixed(1)} s`);
device.destroy();
wasm?.dispose();
process.exit(failures === 0 ? 0 : 1);
