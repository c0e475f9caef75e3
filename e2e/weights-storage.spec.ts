import { expect, test, type Page } from '@playwright/test';
import { build, type Rolldown } from 'vite';

// The IndexedDB weights store runs in the real browser: the module is bundled here and evaluated in the
// app's page (same origin as the app, so the same database), then driven through its public functions.
let moduleCode = '';

test.beforeAll(async () => {
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: false,
      lib: { entry: 'src/ui/persistence/weights.ts', formats: ['iife'], name: 'WeightsModule' },
    },
  })) as Rolldown.RolldownOutput[];
  moduleCode = output[0].output[0].code;
});

async function openApp(page: Page): Promise<void> {
  await page.goto('/');
  // DevTools evaluation is exempt from the page's CSP, so the bundle can be defined in the page.
  await page.evaluate(moduleCode);
}

type WeightsModule = typeof import('../src/ui/persistence/weights');
declare global {
  interface Window {
    WeightsModule: WeightsModule;
  }
}

test('saves, lists, loads and deletes weights by name', async ({ page }) => {
  await openApp(page);
  const result = await page.evaluate(async () => {
    const { saveWeights, loadWeights, listWeights, deleteWeights } = window.WeightsModule;
    const bytes = new Float32Array(3001).map((_, i) => Math.sin(i));
    await saveWeights('tiny-cnn run 1', bytes.buffer.slice(0));
    await saveWeights('lenet', new ArrayBuffer(64));
    const listed = await listWeights();
    const loaded = await loadWeights('tiny-cnn run 1');
    const same = loaded !== null && new Float32Array(loaded).every((v, i) => v === bytes[i]);
    const missing = await loadWeights('never saved');
    const deleted = [await deleteWeights('lenet'), await deleteWeights('lenet')];
    const after = (await listWeights()).map((e) => e.name);
    const badName = await saveWeights('  ', new ArrayBuffer(1)).catch(
      (e: Error & { kind: string }) => e.kind,
    );
    return { listed, same, missing, deleted, after, badName };
  });
  expect(result.listed.map((e) => [e.name, e.bytes]).sort()).toEqual([
    ['lenet', 64],
    ['tiny-cnn run 1', 3001 * 4],
  ]);
  expect(result.same).toBe(true);
  expect(result.missing).toBeNull();
  expect(result.deleted).toEqual([true, false]);
  expect(result.after).toEqual(['tiny-cnn run 1']);
  expect(result.badName).toBe('invalid-name');
});

test('a full quota gives a clear message and loses nothing already saved', async ({ page, context }) => {
  await openApp(page);
  const origin = new URL(page.url()).origin;
  const cdp = await context.newCDPSession(page);
  // A real quota error from Chromium's storage: the origin's quota is lowered to 3 MB for this test.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 3_000_000 });
  const result = await page.evaluate(async () => {
    const { saveWeights, loadWeights, listWeights } = window.WeightsModule;
    const kept = new Uint8Array(100_000).map((_, i) => i % 251);
    await saveWeights('kept', kept.buffer.slice(0));
    const errors: { kind: string; message: string }[] = [];
    for (const name of ['too big', 'kept']) {
      await saveWeights(name, new ArrayBuffer(8_000_000)).then(
        () => errors.push({ kind: 'saved', message: '' }),
        (e: Error & { kind: string }) => errors.push({ kind: e.kind, message: e.message }),
      );
    }
    const back = await loadWeights('kept');
    const intact =
      back !== null && back.byteLength === kept.length && new Uint8Array(back).every((v, i) => v === kept[i]);
    return { errors, intact, names: (await listWeights()).map((e) => [e.name, e.bytes]) };
  });
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  expect(result.errors.map((e) => e.kind)).toEqual(['quota', 'quota']);
  expect(result.errors[0].message).toBe(
    `There is no room left in this browser's storage to keep the weights "too big" (8.0 MB). Delete saved weights you no longer need, or allow this site more storage; nothing saved before was changed.`,
  );
  // The failed overwrite of "kept" left the earlier copy whole.
  expect(result.intact).toBe(true);
  expect(result.names).toEqual([['kept', 100_000]]);
});

test('a damaged entry is reported as damaged, and two saves at once both land', async ({ page }) => {
  await openApp(page);
  const result = await page.evaluate(async () => {
    const { saveWeights, loadWeights, listWeights } = window.WeightsModule;
    await Promise.all([saveWeights('one', new ArrayBuffer(8)), saveWeights('two', new ArrayBuffer(16))]);
    const names = (await listWeights()).map((e) => e.name).sort();
    // Another version (or a damaged profile) left text where bytes belong.
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('cnn-playground');
      open.onsuccess = () => {
        const tx = open.result.transaction('weights-data', 'readwrite');
        tx.objectStore('weights-data').put('not bytes', 'one');
        tx.oncomplete = () => {
          open.result.close();
          resolve();
        };
        tx.onabort = () => reject(tx.error);
      };
      open.onerror = () => reject(open.error);
    });
    const damaged = await loadWeights('one').catch((e: Error & { kind: string }) => [e.kind, e.message]);
    const intact = (await loadWeights('two'))?.byteLength;
    return { names, damaged, intact };
  });
  expect(result.names).toEqual(['one', 'two']);
  expect(result.damaged).toEqual(['failed', 'The saved weights "one" are damaged (not bytes).']);
  expect(result.intact).toBe(16);
});

test("another tab's upgrade of the database is not held up by an open store", async ({ page }) => {
  await openApp(page);
  const outcome = await page.evaluate(async () => {
    const { saveWeights } = window.WeightsModule;
    await saveWeights('open connection', new ArrayBuffer(4));
    // A newer version of the app in another tab opens the database at version 2.
    return new Promise<string>((resolve) => {
      const open = indexedDB.open('cnn-playground', 2);
      open.onblocked = () => resolve('blocked');
      open.onsuccess = () => {
        open.result.close();
        resolve('upgraded');
      };
      open.onerror = () => resolve(`error ${open.error?.name}`);
    });
  });
  expect(outcome).toBe('upgraded');
});
