import { describe, expect, it } from 'vitest';
import { agreement, digitScores, softmaxRows, topClass } from './scores';

/** count rows, row i sure of digit digits[i] with probability `sure`, the rest spread evenly. */
function rows(digits: number[], sure: number): Float32Array {
  const p = new Float32Array(digits.length * 10).fill((1 - sure) / 9);
  digits.forEach((d, i) => (p[i * 10 + d] = sure));
  return p;
}

describe('digit scores', () => {
  it('give the inception score 10 for sure images of all ten digits equally often', () => {
    const s = digitScores(rows([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 1));
    expect(s.inceptionScore).toBeCloseTo(10, 5);
    expect(s.confidence).toBeCloseTo(1, 6);
    expect(s.histogram).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 2]);
    expect(s.count).toBe(20);
  });

  it('give 1 when every image looks alike, however sure the judge is', () => {
    expect(digitScores(rows([7, 7, 7, 7], 1)).inceptionScore).toBeCloseTo(1, 6);
    expect(digitScores(new Float32Array(40).fill(0.1)).inceptionScore).toBeCloseTo(1, 6);
  });

  it('match the definition exp(mean KL(p(y|x) || p(y))) on unequal rows', () => {
    const p = [0.7, 0.1, 0.2, 0, 0, 0, 0, 0, 0, 0, 0.2, 0.5, 0.3, 0, 0, 0, 0, 0, 0, 0];
    const marginal = [0.45, 0.3, 0.25];
    let kl = 0;
    for (const row of [p.slice(0, 3), p.slice(10, 13)])
      row.forEach((v, c) => (kl += (v * Math.log(v / marginal[c])) / 2));
    const s = digitScores(p);
    expect(s.inceptionScore).toBeCloseTo(Math.exp(kl), 6);
    expect(s.confidence).toBeCloseTo(0.6, 6);
    expect(s.histogram.slice(0, 3)).toEqual([1, 1, 0]);
  });

  it('refuse rows that are not ten probabilities', () => {
    expect(() => digitScores(new Float32Array(15))).toThrow(/rows of 10 probabilities, got 15 values/);
    expect(() => digitScores([])).toThrow(/got 0 values/);
  });

  it('count the images judged as their labels', () => {
    const p = rows([3, 1, 4, 1], 0.9);
    expect(agreement(p, [3, 1, 4, 0])).toBe(0.75);
    expect(() => agreement(p, [3])).toThrow(/4 images but only 1 labels/);
  });

  it('take the softmax of each row and the first maximum as the top class', () => {
    const probs = softmaxRows([0, 0, Math.log(2), 0, 0, 0, 0, 0, 0, 0, 1000, 0, 0, 0, 0, 0, 0, 0, 0, 1000]);
    expect(probs[2]).toBeCloseTo(2 / 11, 6);
    expect(probs[10]).toBeCloseTo(0.5, 6);
    expect(topClass(probs, 10)).toBe(0);
  });
});
