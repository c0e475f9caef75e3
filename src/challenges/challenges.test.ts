import { describe, expect, it } from 'vitest';
import { analyzeSpec } from '../network/analyze';
import { exportWeights, type LayerTensors } from '../network/export';
import { stateDictLayout } from '../network/export/state-dict';
import { DEFAULT_HYPER } from '../network/hyper';
import { presetSpec } from '../network/presets';
import { toBase64Url } from '../network/share';
import { challengeFromQuery, challengeLink, type Challenge } from './challenge';
import { brokenLocks, describeGoal, heldLockBroken, isPresetDesign, unmet } from './goal';
import { rank, reevaluationFlags, type Entry } from './leaderboard';
import { makeResult, readResult } from './result';

const challenge: Challenge = {
  format: 'cnn-playground-challenge/1',
  title: 'Small and good',
  dataset: 'mnist',
  goal: { minTestAccuracy: 0.98, maxParams: 20000 },
  locks: { epochs: 3, noPreset: true, allowedKinds: ['Conv2d', 'ReLU', 'MaxPool2d', 'Flatten', 'Linear'] },
  deadline: 'Friday 17:00',
};

describe('challenge links', () => {
  it('round-trip through the query', () => {
    const link = challengeLink('http://127.0.0.1:4306/?lesson=x#abc', challenge);
    expect(challengeFromQuery(new URL(link).search)).toEqual({ ok: true, challenge });
    expect(challengeFromQuery('?lesson=pooling')).toBeNull();
  });

  it('refuse damaged and hostile links with the reason', () => {
    expect(challengeFromQuery('?challenge=%%%')).toEqual({
      ok: false,
      error: 'the challenge link is damaged (it is not base64url text)',
    });
    const enc = (x: unknown) => `?challenge=${toBase64Url(new TextEncoder().encode(JSON.stringify(x)))}`;
    expect(challengeFromQuery(`?challenge=${toBase64Url(new TextEncoder().encode('{nope'))}`)).toMatchObject({
      error: 'the challenge link is damaged (its content is not JSON)',
    });
    expect(challengeFromQuery(enc({ ...challenge, goal: { minTestAccuracy: 7 } }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^the challenge link is not valid: goal\.minTestAccuracy/),
    });
    expect(
      challengeFromQuery(enc({ ...challenge, locks: { allowedKinds: ['Conv2d', '__proto__'] } })),
    ).toMatchObject({ ok: false, error: expect.stringContaining('locks.allowedKinds.1') });
    expect(challengeFromQuery(`?challenge=${'A'.repeat(5000)}`)).toMatchObject({ ok: false });
  });
});

describe('goals and locks', () => {
  const own = () => {
    const spec = presetSpec('tiny-cnn');
    (spec.layers[0] as { out_channels: number }).out_channels = 4;
    return spec;
  };

  it('name each unmet part', () => {
    expect(isPresetDesign(presetSpec('lenet-5'))).toBe(true);
    expect(isPresetDesign(own())).toBe(false);
    const lenet = presetSpec('lenet-5');
    expect(brokenLocks(challenge, { spec: lenet, hyper: { epochs: 5 } })).toEqual([
      'epochs are locked at 3 (set to 5)',
      'an unchanged preset is not allowed: make the design your own',
    ]);
    const withDropout = own();
    withDropout.layers.splice(2, 0, { kind: 'Dropout', id: 'drop', p: 0.5 } as never);
    expect(brokenLocks(challenge, { spec: withDropout, hyper: { epochs: 3 } })).toEqual([
      'layers not allowed here: Dropout',
    ]);
    // The epochs and the dataset are locks the app holds: the first one left is put back, with why.
    expect(heldLockBroken(challenge, { spec: own(), hyper: { epochs: 3 } })).toBeNull();
    expect(heldLockBroken(challenge, { spec: own(), hyper: { epochs: 5 } })).toEqual({
      epochs: 3,
      notice: 'The challenge locks the epochs at 3: put back from 5.',
    });
    const fashion = own();
    fashion.input = { ...fashion.input, dataset: 'fashion-mnist' };
    expect(heldLockBroken(challenge, { spec: fashion, hyper: { epochs: 3 } })).toEqual({
      dataset: 'mnist',
      notice: 'The challenge is on mnist: the dataset is put back.',
    });
    const params = analyzeSpec(own()).totalParams;
    expect(unmet(challenge, { spec: own(), hyper: { epochs: 3 }, params, testAccuracy: null })).toEqual([
      'no full test-set evaluation yet: press Evaluate',
    ]);
    expect(unmet(challenge, { spec: own(), hyper: { epochs: 3 }, params, testAccuracy: 0.975 })).toEqual([
      'test accuracy 97.5%, below 98.0%',
    ]);
    expect(
      unmet(challenge, { spec: own(), hyper: { epochs: 3 }, params: 25000, testAccuracy: 0.99 }),
    ).toEqual(['25,000 parameters, more than 20,000']);
    expect(unmet(challenge, { spec: own(), hyper: { epochs: 3 }, params, testAccuracy: 0.981 })).toEqual([]);
    expect(describeGoal(challenge)).toBe(
      'At least 98.0% test accuracy on MNIST with at most 20,000 parameters.',
    );
  });
});

describe('result files', () => {
  const spec = presetSpec('tiny-cnn');
  const weights = (): LayerTensors[] => {
    const byLayer = new Map<number, LayerTensors>();
    for (const e of stateDictLayout(spec)) {
      const n = e.shape.reduce((a, b) => a * b, 1);
      const entry = byLayer.get(e.layerIndex) ?? { layerIndex: e.layerIndex, tensors: [] };
      entry.tensors.push({
        name: e.role,
        shape: e.shape,
        data: Float32Array.from({ length: n }, (_, i) => Math.sin(i)),
      });
      byLayer.set(e.layerIndex, entry);
    }
    return [...byLayer.values()];
  };
  const make = () =>
    makeResult({
      learner: 'Ada',
      challenge,
      design: spec,
      hyper: { ...DEFAULT_HYPER, seed: 7 },
      metrics: {
        testAccuracy: 0.981,
        testImages: 10000,
        params: analyzeSpec(spec).totalParams,
        steps: 900,
        trainSeconds: 42,
      },
      weights: exportWeights(spec, weights()),
      createdAt: new Date('2026-12-05T10:00:00Z'),
    });

  it('read back with no problems, whatever the key order', async () => {
    const result = await make();
    const read = await readResult(JSON.stringify(result));
    expect(read.ok && read.read.problems).toEqual([]);
    const reordered = Object.fromEntries(Object.entries(result).reverse());
    const again = await readResult(JSON.stringify(reordered, null, 2));
    expect(again.ok && again.read.problems).toEqual([]);
    expect(again.ok && again.read.result.seed).toBe(7);
  });

  it('a raised accuracy, swapped weights or a wrong parameter count is flagged', async () => {
    const result = await make();
    const raised = await readResult(
      JSON.stringify({ ...result, metrics: { ...result.metrics, testAccuracy: 0.999 } }),
    );
    expect(raised.ok && raised.read.problems).toEqual([
      'the file was edited after it was made (its digest does not match)',
    ]);
    const other = await make();
    const w = weights();
    w[0].tensors[0].data[0] = 99;
    const swapped = { ...other, weights: toBase64Url(exportWeights(spec, w)) };
    const read = await readResult(JSON.stringify(swapped));
    expect(read.ok && read.read.problems).toEqual([
      'the file was edited after it was made (its digest does not match)',
      'the weights are not the ones hashed',
    ]);
    const counted = await readResult(
      JSON.stringify({ ...result, metrics: { ...result.metrics, params: 5 } }),
    );
    expect(counted.ok && counted.read.problems).toContain(
      `the design has ${analyzeSpec(spec).totalParams} parameters, not the 5 claimed`,
    );
  });

  it('hostile files are refused with a clear message', async () => {
    expect(await readResult('not json')).toMatchObject({ ok: false });
    expect(await readResult('{"format":"cnn-playground-result/1"}')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^it is not a result file: learner/),
    });
    const result = await make();
    expect(
      await readResult(JSON.stringify({ ...result, design: { version: 2, layers: 'x' } })),
    ).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^its design is not valid/),
    });
    expect(await readResult(JSON.stringify({ ...result, weights: '***' }))).toEqual({
      ok: false,
      error: 'its weights are damaged (not base64url text)',
    });
    expect(await readResult('['.repeat(100) + ']'.repeat(100))).toMatchObject({
      ok: false,
      error: expect.stringContaining('nested'),
    });
  });
});

describe('leaderboard', () => {
  const entry = (key: string, acc: number, params: number, seconds: number, flags: string[] = []): Entry => ({
    key,
    learner: key,
    metrics: { testAccuracy: acc, testImages: 10000, params, steps: 1, trainSeconds: seconds },
    reevaluated: null,
    flags,
  });
  it('ranks by accuracy, then parameters, then time; flagged last', () => {
    const ranked = rank([
      entry('a', 0.98, 9000, 10),
      entry('b', 0.99, 19000, 50),
      entry('c', 0.98, 8000, 90),
      entry('d', 0.995, 100, 1, ['x']),
      { ...entry('e', 0.97, 100, 1), reevaluated: 0.985 },
    ]);
    expect(ranked.map((e) => e.key)).toEqual(['b', 'e', 'c', 'a', 'd']);
  });
  it('a re-evaluation that differs or misses the goal adds flags', () => {
    expect(reevaluationFlags(0.981, 0.9805, 0.98)).toEqual([]);
    expect(reevaluationFlags(0.999, 0.981, 0.98)).toEqual([
      'does not reproduce: 98.10% measured, 99.90% claimed',
    ]);
    expect(reevaluationFlags(0.979, 0.979, 0.98)).toEqual(['below the goal when re-evaluated (97.90%)']);
  });
});
