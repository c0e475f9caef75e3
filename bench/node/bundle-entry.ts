// The entry of the bundled bench:node (scripts/bench-node-bundle.mjs): what scripts/engine-node.mjs does
// for the TypeScript run (navigator.gpu from Dawn's bindings, SwiftShader unless a driver is named), then
// the bench itself, for a machine that has Node and the `webgpu` package's binary but no npm install.
import { create, globals } from 'webgpu';

process.env.VK_ICD_FILENAMES ??= '/usr/lib/chromium/vk_swiftshader_icd.json';
Object.assign(globalThis, globals);
Object.defineProperty(globalThis, 'navigator', {
  value: { gpu: create([]) },
  configurable: true,
  writable: true,
});
await import('./main');
