import { describe, expect, it } from 'vitest';
import { getDatasetInfo } from '../../data/catalog';
import { overlayPixels } from './colours';
import { formatFigure, initialDenseView, reduceDense } from './denseState';
import { answerText, digitShares, penWidth, toScene } from './scene-pad';

const DIGITS = getDatasetInfo('mnist').classNames;
const FASHION = getDatasetInfo('fashion-mnist').classNames;

describe('the dense view', () => {
  it('folds a run: ready, losses, evaluations (one per step), previews, a drawing’s answer and failures', () => {
    let v = reduceDense(initialDenseView, {
      kind: 'ready',
      task: 'segmentation',
      side: 32,
      stride: 1,
      parameterCount: 9,
      step: 0,
    });
    expect(v).toMatchObject({ task: 'segmentation', side: 32, state: 'idle' });
    v = reduceDense(v, { kind: 'state', state: 'training' });
    v = reduceDense(v, { kind: 'metrics', step: 5, loss: 0.7, scenesPerSecond: 12 });
    v = reduceDense(v, {
      kind: 'evaluation',
      step: 0,
      scenes: 64,
      pixelAccuracy: 0.1,
      meanIoU: 0.02,
      classIoU: [],
    });
    v = reduceDense(v, {
      kind: 'evaluation',
      step: 5,
      scenes: 64,
      pixelAccuracy: 0.5,
      meanIoU: 0.05,
      classIoU: [0.5],
    });
    v = reduceDense(v, {
      kind: 'evaluation',
      step: 5,
      scenes: 64,
      pixelAccuracy: 0.6,
      meanIoU: 0.06,
      classIoU: [0.6],
    });
    expect(v.losses).toEqual([{ step: 5, loss: 0.7 }]);
    expect(v.figures).toEqual([
      { step: 0, pixelAccuracy: 0.1, meanIoU: 0.02 },
      { step: 5, pixelAccuracy: 0.6, meanIoU: 0.06 },
    ]);
    expect(v.classIoU).toEqual([0.6]);
    const images = new Uint8Array(4);
    v = reduceDense(v, {
      kind: 'previews',
      step: 5,
      side: 2,
      images,
      masks: images,
      boxes: [[]],
      maps: images,
    });
    expect(v.previews?.step).toBe(5);
    v = reduceDense(v, { kind: 'predicted', id: 3, maps: images });
    expect(v.drawn?.id).toBe(3);
    v = reduceDense(v, { kind: 'failed', message: 'no' });
    expect(v.error).toBe('no');
    expect(reduceDense(v, { kind: 'state', state: 'training' }).error).toBeNull();
    const ready = { kind: 'ready', task: 'detection', side: 64, stride: 4, parameterCount: 1 } as const;
    expect(reduceDense(v, { ...ready, step: 0 }).figures).toEqual([]);
    // Rebuilt at step 3 (a lost device, a backend change): the same network's curves up to step 3 stay.
    const rebuilt = reduceDense(v, { ...ready, task: 'segmentation', side: 32, step: 3 });
    expect(rebuilt.figures).toEqual([{ step: 0, pixelAccuracy: 0.1, meanIoU: 0.02 }]);
    expect(rebuilt.losses).toEqual([]);
    expect(rebuilt.state).toBe(v.state);
    expect(reduceDense(v, { ...ready, step: 3 }).figures).toEqual([]);
    expect([
      formatFigure(0.1234),
      formatFigure(0.5, true),
      formatFigure(undefined),
      formatFigure(NaN),
    ]).toEqual(['0.123', '50.0%', '–', '–']);
  });
});

describe('the scene pad and overlays', () => {
  it('area-averages the pad down to the scene side, keeping where the ink is', () => {
    const ink = new Float32Array(8 * 8);
    for (let y = 0; y < 4; y++) for (let x = 4; x < 8; x++) ink[y * 8 + x] = 1;
    ink[7 * 8] = 1;
    expect(Array.from(toScene(ink, 8, 8, 2))).toEqual([0, 1, 0.0625, 0]);
    expect(() => toScene(ink, 4, 8, 2)).toThrow('64 ink values for a 4×8 pad');
    expect(penWidth(384, 64)).toBe(15);
  });

  it("puts the answer to a drawing in words, in the dataset's class names: classes by their share of the non-background pixels, or boxes by score", () => {
    // Labels: 0 background, 1 + d digit d; 8 pixels of 7, 2 of 1 and 1 of 3.
    const maps = Uint8Array.of(0, 0, 8, 8, 8, 8, 8, 8, 8, 8, 2, 2, 4);
    expect(digitShares(maps).map((d) => d.digit)).toEqual([7, 1, 3]);
    expect(answerText({ maps }, 0.3, DIGITS)).toBe(
      'Labelled as 7 (73% of the non-background pixels), 1 (18% of the non-background pixels), 3 (9% of the non-background pixels).',
    );
    // On Fashion-MNIST scenes the classes are garments, named as the dataset names them.
    expect(answerText({ maps }, 0.3, FASHION)).toBe(
      'Labelled as Sneaker (73% of the non-background pixels), Trouser (18% of the non-background pixels), Dress (9% of the non-background pixels).',
    );
    expect(answerText({ maps: new Uint8Array(4) }, 0.3, FASHION)).toBe(
      'Every pixel labelled background: nothing found.',
    );
    const boxes = [
      { label: 4, score: 0.35 },
      { label: 9, score: 0.8 },
      { label: 1, score: 0.1 },
    ];
    expect(answerText({ detections: [boxes] }, 0.3, DIGITS)).toBe('Found 9 (score 0.80), 4 (score 0.35).');
    expect(answerText({ detections: [boxes] }, 0.3, FASHION)).toBe(
      'Found Ankle boot (score 0.80), Coat (score 0.35).',
    );
    expect(answerText({ detections: [boxes] }, 0.9, DIGITS)).toBe('No box scores at least 0.90.');
  });

  it('colours labelled pixels and leaves background grey', () => {
    const rgba = overlayPixels(Uint8Array.of(100, 200), Uint8Array.of(0, 1), 1);
    expect(Array.from(rgba)).toEqual([100, 100, 100, 255, 230, 159, 0, 255]);
  });
});
