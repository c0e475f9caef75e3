// The data pipeline behind scripts/prepare-data.mjs: build each catalogued dataset's four IDX files from its
// source, check them, gzip them into outDir/<id>/ and record sizes and SHA-256 in outDir/manifest.json.
// A dataset whose files still match the manifest (and whose source version is unchanged) is skipped.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import { checkIdx, classImages, encodeIdx, interleaveClasses } from './idx-write.mjs';

export const MANIFEST_FORMAT = 1;
const ROLES = ['trainImages', 'trainLabels', 'testImages', 'testLabels'];
const KIND = { trainImages: 'images', trainLabels: 'labels', testImages: 'images', testLabels: 'labels' };
const SPLIT = { trainImages: 'train', trainLabels: 'train', testImages: 'test', testLabels: 'test' };
// Level 6, not 9: level 9 spends ~9 s on MNIST's train images (long zero runs) to save 2%.
const GZIP_LEVEL = 6;
const gzip = promisify(zlib.gzip);

/**
 * catalogue: src/data/datasets.json; sources: {[id]: {type: 'idx' | 'class-json', dir, version}};
 * outDir: where the .gz files and manifest.json go; log: receives one line per dataset. Returns the manifest.
 */
export async function prepareData({ catalogue, sources, outDir, log = () => {} }) {
  const previous = await readJson(path.join(outDir, 'manifest.json'));
  const datasets = [];
  for (const info of catalogue.datasets) {
    const source = sources[info.id];
    if (!source) throw new Error(`${info.id}: no source configured`);
    const started = performance.now();
    const old =
      previous?.format === MANIFEST_FORMAT ? previous.datasets?.find((d) => d.id === info.id) : null;
    if (old && (await isUpToDate(old, info, source, outDir))) {
      datasets.push(old);
      log(`${info.id}: up to date (${summary(old)}, checksums verified)`);
      continue;
    }
    const { idx, note } = await BUILDERS[source.type](info, source, catalogue);
    const entry = await writeDataset(info, idx, catalogue, source, outDir);
    datasets.push(entry);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    log(`${info.id}: wrote ${summary(entry)} in ${seconds} s${note ? `; ${note}` : ''}`);
  }
  const manifest = { format: MANIFEST_FORMAT, datasets };
  await writeAtomic(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

const BUILDERS = {
  /** The original IDX files (MNIST): checked, then passed through unchanged. */
  async idx(info, source, catalogue) {
    const idx = {};
    for (const role of ROLES) {
      const name = catalogue.files[role].replace(/\.gz$/, '');
      const bytes = await readSource(path.join(source.dir, name), info.id);
      idx[role] = checkIdx(bytes, KIND[role], {
        count: info.counts[SPLIT[role]],
        ...shape(info),
        file: name,
      });
    }
    return { idx, note: '' };
  },

  /** One JSON file per class (Fashion-MNIST): the first train/K images of each class train, the rest test. */
  async 'class-json'(info, source) {
    const k = info.classNames.length;
    const { train, test } = info.counts;
    if (train % k !== 0 || test % k !== 0)
      throw new Error(`${info.id}: counts must split evenly over ${k} classes`);
    const pixels = info.rows * info.cols;
    const classes = [];
    let dropped = 0;
    for (let c = 0; c < k; c++) {
      const file = path.join(source.dir, `${c}.json`);
      const json = JSON.parse((await readSource(file, info.id)).toString('utf8'));
      const one = classImages(json, { perClass: (train + test) / k, pixels, file: `${info.id} ${c}.json` });
      classes.push(one.images);
      dropped += one.dropped;
    }
    const trainSet = interleaveClasses(classes, 0, train / k, pixels);
    const testSet = interleaveClasses(classes, train / k, test / k, pixels);
    const { rows, cols } = shape(info);
    const idx = {
      trainImages: encodeIdx('images', trainSet.images, train, rows, cols),
      trainLabels: encodeIdx('labels', trainSet.labels, train),
      testImages: encodeIdx('images', testSet.images, test, rows, cols),
      testLabels: encodeIdx('labels', testSet.labels, test),
    };
    return { idx, note: dropped ? `dropped ${dropped} empty source entries` : '' };
  },
};

async function writeDataset(info, idx, catalogue, source, outDir) {
  await mkdir(path.join(outDir, info.id), { recursive: true });
  const files = {};
  await Promise.all(
    ROLES.map(async (role) => {
      const gz = await gzip(idx[role], { level: GZIP_LEVEL });
      const rel = `${info.id}/${catalogue.files[role]}`;
      await writeAtomic(path.join(outDir, rel), gz);
      files[role] = {
        path: rel,
        kind: KIND[role],
        count: info.counts[SPLIT[role]],
        bytes: gz.length,
        rawBytes: idx[role].length,
        sha256: sha256(gz),
        // What a browser sees where the host sends the .gz with Content-Encoding: gzip (the service
        // worker verifies a cached file against either).
        rawSha256: sha256(idx[role]),
      };
    }),
  );
  return {
    ...info,
    sourceVersion: source.version,
    files: Object.fromEntries(ROLES.map((r) => [r, files[r]])),
  };
}

async function isUpToDate(old, info, source, outDir) {
  const { files, sourceVersion, ...described } = old;
  if (sourceVersion !== source.version || JSON.stringify(described) !== JSON.stringify(info)) return false;
  for (const role of ROLES) {
    const recorded = files?.[role];
    const bytes = recorded && (await readFile(path.join(outDir, recorded.path)).catch(() => null));
    if (!bytes || bytes.length !== recorded.bytes || sha256(bytes) !== recorded.sha256) return false;
    if (typeof recorded.rawSha256 !== 'string') return false; // written before the manifest held it
  }
  return true;
}

function summary(entry) {
  const mb = ROLES.reduce((sum, r) => sum + entry.files[r].bytes, 0) / 1e6;
  return `${entry.counts.train} train + ${entry.counts.test} test images, 4 files, ${mb.toFixed(1)} MB gzip`;
}

const shape = (info) => ({ rows: info.rows, cols: info.cols });
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

async function readSource(file, id) {
  try {
    return await readFile(file);
  } catch (error) {
    if (error.code === 'ENOENT')
      throw new Error(`${id}: source file ${file} not found (run npm install)`, { cause: error });
    throw error;
  }
}

async function readJson(file) {
  try {
    return JSON.parse(await readFile(file, 'utf8'));
  } catch {
    return null;
  }
}

/** Write to a temporary name, then rename, so an interrupted run never leaves a half-written file. */
async function writeAtomic(file, data) {
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}
