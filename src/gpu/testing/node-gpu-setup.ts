// Vitest setup for the `gpu` project: real WebGPU in Node through Dawn's bindings (npm `webgpu`),
// on SwiftShader's CPU Vulkan. Never a mock.
import { create, globals } from 'webgpu';

process.env.VK_ICD_FILENAMES ??= '/usr/lib/chromium/vk_swiftshader_icd.json';
Object.assign(globalThis, globals);
const gpu = create([]);
Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
