// The hostile-input suite (issues 10 and 23) against what a user would lose: a design of their own (LeNet-5
// with 8 first-layer channels), trained a few steps, its weights kept in the browser. Each hostile project
// file, weights file and share link is refused with its message, and after each the design, the autosave
// (and every other stored design), the kept weights and, where no reload came between, the model's own
// weights are byte for byte what they were.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { randomWeights } from '../src/network/export/testing/random-weights';
import { exportWeights } from '../src/network/export/weights-file';
import { DEFAULT_HYPER } from '../src/network/hyper';
import { presetSpec } from '../src/network/presets';
import { writeProject } from '../src/network/project/project';
import type { Conv2dLayer, NetworkSpec } from '../src/network/spec';
import { cards, downloadOf, expectDatasetsLoaded, notice } from './app';

test.describe.configure({ mode: 'serial' });
test.setTimeout(180_000);

/** The user's design: LeNet-5 with 8 channels in its first convolution (what the page builds by hand). */
const mine = (): NetworkSpec => {
  const spec = presetSpec('lenet-5');
  spec.layers[0] = { ...(spec.layers[0] as Conv2dLayer), out_channels: 8 };
  spec.layers[3] = { ...(spec.layers[3] as Conv2dLayer), in_channels: 8 };
  return spec;
};

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const b64 = (text: string) => Buffer.from(text).toString('base64url');

interface Stored {
  /** Every localStorage entry: the autosave and any kept designs. */
  storage: Record<string, string | null>;
  /** SHA-256 of each weights entry kept in IndexedDB, by name. */
  kept: Record<string, string>;
}

function stored(page: Page): Promise<Stored> {
  return page.evaluate(async () => {
    const hex = async (buffer: ArrayBuffer) =>
      Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', buffer)), (b) =>
        b.toString(16).padStart(2, '0'),
      ).join('');
    const keys = Array.from({ length: localStorage.length }, (_, i) => localStorage.key(i) ?? '').sort();
    const storage = Object.fromEntries(keys.map((k) => [k, localStorage.getItem(k)]));
    const entries = await new Promise<[IDBValidKey[], ArrayBuffer[]]>((resolve, reject) => {
      const open = indexedDB.open('cnn-playground');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction('weights-data');
        const names = tx.objectStore('weights-data').getAllKeys();
        const values = tx.objectStore('weights-data').getAll();
        tx.oncomplete = () => {
          open.result.close();
          resolve([names.result, values.result]);
        };
        tx.onerror = () => reject(tx.error);
      };
    });
    const kept: Record<string, string> = {};
    for (const [i, name] of entries[0].entries()) kept[String(name)] = await hex(entries[1][i]);
    return { storage, kept };
  });
}

/** The model's own weights, as "Download weights.safetensors" gives them. */
const modelWeights = async (page: Page) =>
  sha256((await downloadOf(page, 'Download weights.safetensors')).bytes);

/** The builder shows the user's design: 12 layers, 8 channels out of the first. */
async function expectMine(page: Page): Promise<void> {
  await expect(cards(page)).toHaveCount(12);
  await expect(cards(page).nth(0).getByTestId('layer-shape')).toHaveText('8×28×28');
  await expect(page.getByTestId('total-params')).toHaveText('62,558');
}

let page: Page;
/** Uncaught page errors: none may happen, in the setup or in any case. */
const pageErrors: string[] = [];
let before: Stored;
let weightsBefore: string;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(300_000);
  page = await browser.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto('/');
  await expectDatasetsLoaded(page);
  // Clicking a node of the diagram selects its layer and opens the inspector.
  await cards(page).nth(0).click();
  await page.getByRole('region', { name: 'Inspector' }).getByLabel('out_channels', { exact: true }).fill('8');
  await expectMine(page);
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('cnn-playground/autosave/v2') ?? ''))
    .toContain('\\"out_channels\\": 8');
  // Trained a few steps.
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 1; i <= 3; i++) {
    await step.click();
    await expect(page.getByTestId('step')).toHaveText(String(i), { timeout: 60_000 });
  }
  // And kept in the browser.
  await page.getByRole('button', { name: 'Kept weights', exact: true }).click();
  const menu = page.getByRole('group', { name: 'Kept weights' });
  await menu.getByLabel('Name (optional)').fill('after 3 steps');
  await menu.getByRole('button', { name: 'Keep weights in this browser' }).click();
  await expect(notice(page, 'Kept the weights "after 3 steps" in this browser')).toBeVisible();
  await page.getByRole('button', { name: 'Kept weights', exact: true }).click();
  before = await stored(page);
  expect(Object.keys(before.kept)).toEqual(['after 3 steps']);
  weightsBefore = await modelWeights(page);
});

test.afterEach(() => expect(pageErrors).toEqual([]));
test.afterAll(() => page.close());

/** A file through the Import menu's hidden inputs. */
const pick = (label: 'Project file' | 'Weights file', name: string, bytes: Uint8Array) =>
  page
    .getByLabel(label)
    .setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(bytes) });

const lenet = presetSpec('lenet-5');
const project = (spec: NetworkSpec, weights = randomWeights(spec, 2)) =>
  writeProject({ spec, hyper: DEFAULT_HYPER, weights });
const withNaN = (spec: NetworkSpec) => {
  const weights = randomWeights(spec, 4);
  weights[1].tensors[0].data[3] = NaN;
  return weights;
};
const tensorEntry = (begin: number) => ({ dtype: 'F32', shape: [1], data_offsets: [begin, begin + 4] });
/** A safetensors file from a raw header text, as a hostile writer makes it. */
function rawSafetensors(header: string, data = new Uint8Array(8)): Uint8Array {
  const json = new TextEncoder().encode(header);
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setUint32(0, json.length, true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

const FILES: {
  name: string;
  input: 'Project file' | 'Weights file';
  bytes: () => Uint8Array;
  message: string;
}[] = [
  {
    name: 'a project cut short',
    input: 'Project file',
    bytes: () => project(mine()).subarray(0, 2000),
    message: 'Project not imported: this is not a CNN Playground project file',
  },
  {
    name: 'a project with a byte changed inside project.json',
    input: 'Project file',
    bytes: () => {
      const bytes = project(mine());
      bytes[60] ^= 0xff;
      return bytes;
    },
    message: '"project.json" is damaged',
  },
  {
    name: 'a project asking for out_channels 10^9',
    input: 'Project file',
    bytes: () => {
      const spec = mine();
      spec.layers[0] = { ...(spec.layers[0] as Conv2dLayer), out_channels: 1e9 };
      return writeProject({ spec, hyper: DEFAULT_HYPER });
    },
    message: 'out_channels 1000000000 is too large: at most 4096',
  },
  {
    name: 'a project whose weights hold NaN',
    input: 'Project file',
    bytes: () => project(lenet, withNaN(lenet)),
    message: "the project's weights are damaged: tensor",
  },
  {
    name: 'a design file with a __proto__ key',
    input: 'Project file',
    bytes: () => new TextEncoder().encode('{"__proto__": {"polluted": true}}'),
    message: 'it is not a ZIP archive',
  },
  {
    name: "another design's weights (the default LeNet-5's)",
    input: 'Weights file',
    bytes: () => exportWeights(lenet, randomWeights(lenet, 3)),
    message: 'tensor "conv1.weight" has shape [6,1,5,5] but this design needs [8,1,5,5]',
  },
  {
    name: 'a weights file naming one tensor twice',
    input: 'Weights file',
    bytes: () =>
      rawSafetensors(
        `{"conv1.bias":${JSON.stringify(tensorEntry(0))},"conv1.bias":${JSON.stringify(tensorEntry(4))}}`,
      ),
    message: 'the header names the tensor "conv1.bias" twice',
  },
  {
    name: 'a weights header just over 1 MB',
    input: 'Weights file',
    bytes: () => rawSafetensors(`{"a":"${'x'.repeat(1024 * 1024)}"}`),
    message: 'the header is 1,048,584 bytes; the limit is 1,048,576 bytes',
  },
  {
    name: 'weights holding NaN',
    input: 'Weights file',
    bytes: () => exportWeights(mine(), withNaN(mine())),
    message: 'holds NaN or infinite values',
  },
  {
    name: 'a PNG named .safetensors',
    input: 'Weights file',
    bytes: () => new Uint8Array(readFileSync(path.resolve('public/icons/icon-192.png'))),
    message: 'this is not a safetensors file',
  },
];

for (const file of FILES) {
  test(`${file.name} is refused; design, autosave, kept and model weights unchanged`, async () => {
    await pick(file.input, `${file.name}.bin`, file.bytes());
    const refused = notice(
      page,
      file.input === 'Project file' ? 'Project not imported' : 'Weights not loaded',
    );
    await expect(refused).toContainText(file.message);
    await expect(refused).toContainText('Nothing was changed.');
    await expectMine(page);
    expect(await stored(page)).toEqual(before);
    expect(await modelWeights(page)).toBe(weightsBefore);
    expect(await page.evaluate(() => (Object.prototype as Record<string, unknown>).polluted)).toBeUndefined();
    await page.getByRole('button', { name: 'Dismiss notice' }).click();
  });
}

const CONV = { kind: 'Conv2d', id: 'c1', in_channels: 1, out_channels: 6, kernel_size: 5, stride: 1 };
/** A link's JSON text holding a one-layer design whose first layer gets `layer`'s values. */
const linkJson = (layer: Record<string, unknown>) =>
  JSON.stringify({
    v: 1,
    spec: {
      version: 1,
      name: 'hostile',
      input: { dataset: 'mnist', shape: [1, 28, 28] },
      task: 'classification',
      autoWire: true,
      layers: [{ ...CONV, padding: 2, dilation: 1, bias: true, ...layer }],
    },
    hyper: {},
  });

const LINKS: { name: string; fragment: string; message: string }[] = [
  {
    name: 'oversized (1 MB)',
    fragment: 'A'.repeat(1_000_000),
    message: 'the share link is 1,000,000 characters long, more than the 65,536 allowed',
  },
  {
    name: 'nested 5,000 deep',
    fragment: b64(`{"v":1,"spec":${'['.repeat(5000)}${']'.repeat(5000)},"hyper":{}}`),
    message: 'the share link is nested too deeply (more than 16 levels)',
  },
  {
    name: 'of the wrong type',
    fragment: b64(JSON.stringify({ v: 1, spec: 'a network', hyper: [] })),
    message: 'the share link is not valid: a spec must be an object, not string',
  },
  {
    name: 'asking for out_channels 10^9',
    fragment: b64(linkJson({ out_channels: 1e9 })),
    message: 'layer 1 (Conv2d): out_channels 1000000000 is too large: at most 4096',
  },
  {
    name: 'asking for out_channels -5',
    fragment: b64(linkJson({ out_channels: -5 })),
    message: 'layer 1 (Conv2d): out_channels must be at least 1 (got -5)',
  },
  {
    name: 'asking for kernel_size 0',
    fragment: b64(linkJson({ kernel_size: 0 })),
    message: 'layer 1 (Conv2d): kernel_size must be at least 1 (got 0)',
  },
  {
    // Written into the JSON text itself: JSON.stringify never emits a __proto__ key.
    name: 'carrying a __proto__ key',
    fragment: b64(linkJson({}).replace('"name":', '"__proto__":{"polluted":true},"name":')),
    message: 'the share link contains the forbidden key __proto__ (at $.spec.__proto__)',
  },
];

for (const link of LINKS) {
  test(`a share link ${link.name} is refused; design, autosave and kept weights unchanged`, async () => {
    await page.goto('about:blank');
    await page.goto(`/#${link.fragment}`);
    const refused = notice(page, "The link's design was not loaded");
    await expect(refused).toContainText(link.message);
    await expectMine(page);
    expect(await stored(page)).toEqual(before);
    expect(await page.evaluate(() => (Object.prototype as Record<string, unknown>).polluted)).toBeUndefined();
  });
}
