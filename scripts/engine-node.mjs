// Lets plain Node run the engine headless: registers the WGSL `?raw` hooks and TypeScript (tsx), and
// gives `navigator.gpu` from Dawn's bindings (npm `webgpu`) on whatever Vulkan driver is present.
//   node --import ./scripts/engine-node.mjs your-script.ts
import { register } from 'node:module';
import { create, globals } from 'webgpu';

register('./wgsl-hooks.mjs', import.meta.url);
await import('tsx/esm');
// Debian's chromium ships SwiftShader, a CPU Vulkan: the fallback when no GPU driver is installed.
process.env.VK_ICD_FILENAMES ??= '/usr/lib/chromium/vk_swiftshader_icd.json';
Object.assign(globalThis, globals);
Object.defineProperty(globalThis, 'navigator', {
  value: { gpu: create([]) },
  configurable: true,
  writable: true,
});
