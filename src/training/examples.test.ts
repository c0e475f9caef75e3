// The test images of a confusion-matrix cell come from the whole evaluated test set: as many as the cell
// counts, each truly in that cell, paged in test-set order; asking before an evaluation, or for a class
// that does not exist, is refused with the reason.
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_HYPER } from '../network/hyper';
import { presetSpec } from '../network/presets';
import { TrainerClient, type ExamplesPage } from './client';
import { diskFetch } from './testing/harness';
import { inProcessWorker } from './testing/in-process-worker';

let client: TrainerClient | null = null;
afterEach(() => client?.dispose());

describe('examples of a confusion-matrix cell', () => {
  it('pages through every test image of the cell', { timeout: 120_000 }, async () => {
    client = new TrainerClient(inProcessWorker({ gpu: null, fetch: diskFetch }), { forceCpu: true });
    const c = client;
    const ready = new Promise((resolve) => c.on('datasetReady', resolve));
    c.setHyper({ ...DEFAULT_HYPER, batchSize: 50 });
    c.setSpec(presetSpec('mlp'));
    c.loadDataset('mnist', 'data');
    await ready;
    await expect(c.examples(3, 5, 0, 10)).rejects.toThrow(
      'the test set has not been evaluated yet: press Evaluate first',
    );
    const evaluated = new Promise<number[]>((resolve) => c.on('evaluation', (e) => resolve(e.confusion)));
    c.evaluate();
    const confusion = await evaluated;

    // The untrained network's fullest cell, in pages of 100 (the most at once), then an empty cell.
    const fullest = confusion.indexOf(Math.max(...confusion));
    const [label, predicted] = [Math.floor(fullest / 10), fullest % 10];
    const pages: ExamplesPage[] = [];
    for (let offset = 0; offset < confusion[fullest]; offset += 100)
      pages.push(await c.examples(label, predicted, offset, 100));
    const items = pages.flatMap((p) => p.items);
    expect(pages.every((p) => p.total === confusion[fullest])).toBe(true);
    expect(items).toHaveLength(confusion[fullest]);
    expect(items.every((i) => i.label === label && i.predicted === predicted)).toBe(true);
    const order = items.map((i) => i.index);
    expect(order).toEqual([...new Set(order)].sort((a, b) => a - b));
    for (const i of items.slice(0, 5)) {
      expect(i.image).toHaveLength(784);
      expect(Math.max(...i.probabilities)).toBe(i.probabilities[predicted]);
    }
    const empty = confusion.indexOf(0);
    if (empty >= 0) {
      const none = await c.examples(Math.floor(empty / 10), empty % 10, 0, 10);
      expect(none).toMatchObject({ total: 0, items: [] });
    }

    await expect(c.examples(10, 0, 0, 10)).rejects.toThrow('a class is a whole number from 0 to 9');
    await expect(c.examples(1, 1, 0, 101)).rejects.toThrow('at most 100 at a time');
  });
});
