import { describe, expect, it } from 'vitest';
import { ganFigures, gaussianNoise, interpolateNoise } from './common';
import { ganWarning } from './health';
import { sampleStats } from './stats';
import { Prng } from '../prng';

const healthy = { dLoss: 1.2, gLoss: 0.9, dReal: 0.6, dFake: 0.4 };

describe('GAN health warnings', () => {
  it('says nothing while the losses are balanced and samples vary', () => {
    expect(ganWarning(healthy, 0.1)).toBeNull();
  });
  it('names mode collapse when the samples barely vary', () => {
    expect(ganWarning(healthy, 0.001)).toMatch(/all samples look alike.*lower learning rate/i);
  });
  it('names a discriminator that wins every round', () => {
    expect(ganWarning({ ...healthy, dLoss: 0.01, gLoss: 7 }, 0.1)).toMatch(/discriminator wins every round/);
  });
  it('names a generator that always fools the discriminator', () => {
    expect(ganWarning({ ...healthy, dLoss: 3, gLoss: 0.05 }, 0.1)).toMatch(/generator fools/);
  });
  it('names divergence first', () => {
    expect(ganWarning({ ...healthy, gLoss: NaN }, 0)).toMatch(/diverged/);
  });
});

describe('generative figures', () => {
  it('D(x) and D(G(z)) are the geometric means behind the BCE losses', () => {
    // Loss on real images -log(0.8) and generator loss -log(0.3), over 10 samples.
    const f = ganFigures({
      real: -10 * Math.log(0.8),
      fake: -10 * Math.log(0.6),
      gen: -10 * Math.log(0.3),
      samples: 10,
      steps: 1,
    });
    expect(f.dReal).toBeCloseTo(0.8, 6);
    expect(f.dFake).toBeCloseTo(0.3, 6);
    expect(f.dLoss).toBeCloseTo(-Math.log(0.8) - Math.log(0.6), 6);
  });
  it('pixel variance across samples is 0 for identical images and 1 for ±1 halves', () => {
    const same = new Float32Array(4 * 784).fill(0.3);
    expect(sampleStats(same).variance).toBeCloseTo(0, 6);
    const split = new Float32Array(2 * 784);
    split.fill(1, 0, 784);
    split.fill(-1, 784);
    expect(sampleStats(split).variance).toBeCloseTo(1, 6);
  });
  it('class histogram and mean top probability from logits', () => {
    const logits = new Float32Array(20);
    logits[3] = 10;
    logits[10 + 7] = 10;
    const s = sampleStats(new Float32Array(2 * 784), logits);
    expect(s.histogram[3]).toBe(1);
    expect(s.histogram[7]).toBe(1);
    expect(s.meanMaxProbability).toBeGreaterThan(0.99);
  });
  it('noise is standard normal and interpolation runs end to end', () => {
    const z = gaussianNoise(new Prng(1), 20_000);
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    const variance = z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
    const path = interpolateNoise(Float32Array.of(0, 2), Float32Array.of(4, -2), 3);
    expect(Array.from(path)).toEqual([0, 2, 2, 0, 4, -2]);
  });
});
