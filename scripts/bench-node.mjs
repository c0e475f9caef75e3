// `npm run bench:node [-- --quick]`: runs bench/node/main.ts in Node on the first Vulkan driver that is
// not a software one (NVIDIA, AMD, Intel: their ICD files under /usr/share/vulkan/icd.d or
// /etc/vulkan/icd.d), else on Chromium's SwiftShader. VK_ICD_FILENAMES, when set, is used as it is.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOFTWARE = /swiftshader|lvp|lavapipe|llvmpipe/i;

function hardwareIcd() {
  for (const dir of ['/usr/share/vulkan/icd.d', '/etc/vulkan/icd.d', '/usr/local/share/vulkan/icd.d']) {
    if (!existsSync(dir)) continue;
    const found = readdirSync(dir)
      .filter((f) => f.endsWith('.json') && !SOFTWARE.test(f))
      // NVIDIA first: the machines this is run on for a real-GPU figure.
      .sort((a, b) => Number(/nvidia/i.test(b)) - Number(/nvidia/i.test(a)));
    if (found.length) return path.join(dir, found[0]);
  }
  return null;
}

const env = { ...process.env };
if (!env.VK_ICD_FILENAMES) {
  const icd = hardwareIcd();
  if (icd) env.VK_ICD_FILENAMES = icd;
}
process.stdout.write(`bench:node: Vulkan driver ${env.VK_ICD_FILENAMES ?? '(SwiftShader, the default)'}\n`);
// --bundled runs bench/node-dist/bench-node.mjs (scripts/bench-node-bundle.mjs), for a machine without npm.
const bundled = process.argv.includes('--bundled');
const rest = process.argv.slice(2).filter((a) => a !== '--bundled');
const command = bundled
  ? ['bench/node-dist/bench-node.mjs', ...rest]
  : ['--import', './scripts/engine-node.mjs', 'bench/node/main.ts', ...rest];
const r = spawnSync(process.execPath, command, { cwd: root, env, stdio: 'inherit' });
process.exit(r.status ?? 1);
