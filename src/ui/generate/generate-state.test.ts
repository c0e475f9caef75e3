import { describe, expect, it } from 'vitest';
import { DIGIT_PICK_ID, initialView, latentBounds, reduceView } from './generate-state';

describe('generate view reducer', () => {
  it('starts fresh on ready, collects metrics and counts sample grids', () => {
    let v = reduceView(initialView, {
      kind: 'ready',
      mode: 'gan',
      latentDim: 4,
      fixedNoise: new Float32Array(64),
    });
    expect(v.mode).toBe('gan');
    expect(v.latentDim).toBe(4);
    v = reduceView(v, { kind: 'metrics', step: 5, dLoss: 1.3, gLoss: 0.8, dReal: 0.6, dFake: 0.4 });
    v = reduceView(v, {
      kind: 'samples',
      step: 5,
      images: new Float32Array(784),
      variance: 0.2,
      warning: 'x',
    });
    v = reduceView(v, {
      kind: 'samples',
      step: 10,
      images: new Float32Array(784),
      variance: 0.2,
      warning: null,
    });
    expect(v.points).toEqual([{ step: 5, dLoss: 1.3, gLoss: 0.8, dReal: 0.6, dFake: 0.4 }]);
    expect(v.sampleUpdates).toBe(2);
    expect(v.warning).toBeNull();
    v = reduceView(v, { kind: 'ready', mode: 'autoencoder', latentDim: 2 });
    expect(v.points).toEqual([]);
    expect(v.samples).toBeNull();
    const atlas = {
      side: 1,
      spacing: 'quantiles' as const,
      x: Float32Array.of(0),
      y: Float32Array.of(0),
      images: new Float32Array(784),
      digits: Uint8Array.of(4),
    };
    v = reduceView(v, { kind: 'atlas', step: 30, ...atlas });
    expect(v.atlas).toEqual({ ...atlas, step: 30 });
    expect(reduceView(v, { kind: 'ready', mode: 'autoencoder', latentDim: 2 }).atlas).toBeNull();
  });

  it("a conditional GAN's digits; its picked digit's images apart from the interpolation's", () => {
    let v = reduceView(initialView, {
      kind: 'ready',
      mode: 'gan',
      latentDim: 32,
      classes: 10,
      fixedNoise: new Float32Array(320),
    });
    expect(v.classes).toBe(10);
    const digit = Float32Array.of(1);
    const between = Float32Array.of(2);
    v = reduceView(v, { kind: 'generated', id: DIGIT_PICK_ID, images: digit });
    v = reduceView(v, { kind: 'generated', id: 1733400000000, images: between });
    expect(v.digitSamples).toBe(digit);
    expect(v.interpolated).toBe(between);
    expect(reduceView(v, { kind: 'ready', mode: 'gan', latentDim: 32 }).classes).toBe(0);
  });

  it('keeps the latest reconstructions, decoded image and failure message', () => {
    const images = Float32Array.of(1, 2);
    let v = reduceView(initialView, { kind: 'decoded', id: 1, images });
    v = reduceView(v, { kind: 'failed', message: 'no autoencoder is built' });
    expect(v.decoded).toBe(images);
    expect(v.error).toBe('no autoencoder is built');
  });

  it('keeps the latest digit score and a chart of them, restarted by an earlier step', () => {
    const histogram = [4, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    const base = { count: 4, confidence: 0.5, histogram };
    let v = reduceView(initialView, { kind: 'ready', mode: 'autoencoder', latentDim: 16 });
    for (const [step, inceptionScore, recognised] of [
      [0, 1.1, 0.1],
      [50, 3.2, 0.6],
      [100, 6.5, 0.9],
    ]) {
      v = reduceView(v, { kind: 'score', step, score: { ...base, inceptionScore, recognised } });
    }
    expect(v.scores).toEqual([
      { step: 0, inceptionScore: 1.1, recognised: 10 },
      { step: 50, inceptionScore: 3.2, recognised: 60 },
      { step: 100, inceptionScore: 6.5, recognised: 90 },
    ]);
    expect(v.score).toEqual({ ...base, step: 100, inceptionScore: 6.5, recognised: 0.9 });
    v = reduceView(v, { kind: 'score', step: 0, score: { ...base, inceptionScore: 1 } });
    expect(v.scores).toEqual([{ step: 0, inceptionScore: 1 }]);
    expect(reduceView(v, { kind: 'ready', mode: 'gan', latentDim: 32 }).scores).toEqual([]);
  });

  it('pads latent bounds by 5% and survives a single point', () => {
    expect(latentBounds(Float32Array.of(0, 0, 10, 20))).toEqual({ x0: -0.5, x1: 10.5, y0: -1, y1: 21 });
    const one = latentBounds(Float32Array.of(3, 3));
    expect(one.x1).toBeGreaterThan(one.x0);
  });
});
