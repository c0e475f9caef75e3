// TF.js 4.22 backends for the comparison: webgpu, wasm (SIMD), webgl and cpu. A backend that cannot start
// is reported with TF.js's own reason. wasm runs single-threaded: its threaded build's worker breaks when
// bundled (tensorflow/tfjs#4107: 'ReferenceError: e is not defined' in the worker, then a hang).
import * as tf from '@tensorflow/tfjs-core';
// The gradients live in their own side-effect module; without it tf.grads knows no op's gradient.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import '@tensorflow/tfjs-backend-webgpu';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { supplyConv2dBackpropFilter } from './tfjs-filter-grad';

export const TFJS_BACKENDS = ['webgpu', 'wasm', 'webgl', 'cpu'] as const;
export type TfjsBackend = (typeof TFJS_BACKENDS)[number];

export type BackendStart = { ok: true; details: Record<string, unknown> } | { ok: false; reason: string };

setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  // setWasmPaths wants all three; multithreading is switched off below, so this one is never fetched.
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});

/** Makes `name` the active TF.js backend, or says why it cannot be. */
export async function startBackend(name: TfjsBackend): Promise<BackendStart> {
  // TF.js reports a failed initialisation only through console.warn: keep that text as the reason.
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  let ok = false;
  try {
    if (name === 'wasm') tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    ok = await tf.setBackend(name);
  } catch (error) {
    warnings.push(error instanceof Error ? error.message : String(error));
  } finally {
    console.warn = warn;
  }
  if (!ok || tf.getBackend() !== name) {
    return { ok: false, reason: warnings.join(' | ') || `tf.setBackend('${name}') returned false` };
  }
  await tf.ready();
  const supplied = supplyConv2dBackpropFilter(name);
  return { ok: true, details: { ...(await describeBackend(name)), suppliedConv2dBackpropFilter: supplied } };
}

async function describeBackend(name: TfjsBackend): Promise<Record<string, unknown>> {
  if (name === 'webgpu') {
    const device = (tf.backend() as WebGPUBackend).device;
    const info = device.adapterInfo;
    return { vendor: info?.vendor, architecture: info?.architecture, description: info?.description };
  }
  if (name === 'wasm') {
    return {
      simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
      threads: getThreadsCount(),
    };
  }
  if (name === 'webgl') {
    return { webglVersion: tf.env().getNumber('WEBGL_VERSION') };
  }
  return {};
}
