import { describe, expect, it } from 'vitest';
import type { GenerativeEvent } from '../../training/generative/types';
import { followDense, followGenerative } from './follow-runs';

const score = (inceptionScore: number, recognised?: number): GenerativeEvent => ({
  kind: 'score',
  step: 40,
  score: { count: 256, confidence: 0.8, histogram: Array(10).fill(0), inceptionScore, recognised },
});

describe('what the lessons follow of the runs', () => {
  it('a generative run: its mode from ready, its steps, and the judge score of its own kind', () => {
    let run = followGenerative(
      { mode: 'gan', steps: 90, score: 4 },
      { kind: 'ready', mode: 'gan', latentDim: 64 },
    );
    expect(run).toEqual({ mode: 'gan', steps: 0, score: null });
    run = followGenerative(run, { kind: 'metrics', step: 35, dLoss: 1, gLoss: 1 });
    run = followGenerative(run, score(3.4));
    expect(run).toEqual({ mode: 'gan', steps: 35, score: 3.4 });
    // The autoencoder's figure is the share of reconstructions recognised, not the inception score.
    const ae = followGenerative({ mode: 'autoencoder', steps: 20, score: null }, score(8.9, 0.62));
    expect(ae.score).toBe(0.62);
    // A conditional GAN's score also says how often the digit asked for was drawn: the check reads the
    // inception score still.
    expect(followGenerative({ mode: 'gan', steps: 10, score: null }, score(8.9, 0.9)).score).toBe(8.9);
    const state = { mode: 'gan', steps: 35, score: 3.4 };
    expect(followGenerative(state, { kind: 'state', state: 'paused' })).toBe(state);
  });

  it('a dense run: its task and steps, and a rebuild goes on from its step', () => {
    const ready = { kind: 'ready', task: 'detection', side: 32, stride: 4, parameterCount: 1 } as const;
    let run = followDense({ task: 'segmentation', steps: 60 }, { ...ready, step: 0 });
    expect(run).toEqual({ task: 'detection', steps: 0 });
    run = followDense(run, { kind: 'metrics', step: 20, loss: 3, scenesPerSecond: 9 });
    expect(run).toEqual({ task: 'detection', steps: 20 });
    expect(followDense(run, { ...ready, step: 20 })).toEqual({ task: 'detection', steps: 20 });
  });
});
