import { describe, expect, it } from 'vitest';
import { createAppStore } from './store';

describe('the seed of the run under way', () => {
  it('is the seed a Step started with, even when Step came before the worker said Reset was done', () => {
    const store = createAppStore();
    const s = store.getState;
    s().setHyper({ seed: 7 });
    s().step();
    s().setTrainerState('paused');
    expect(s().runSeed).toBe(7);
    // Reset, then Step at once: the page still reads 'paused' when Step is pressed.
    s().reset();
    s().step();
    s().setTrainerState('idle');
    s().setTrainerState('paused');
    expect(s().runSeed).toBe(7);
    // A seed typed now cannot change the run: the form can say so.
    s().setHyper({ seed: 8 });
    expect(s().runSeed).not.toBe(s().hyper.seed);
  });

  it('is none at step 0, and a Train keeps the seed it started with', () => {
    const store = createAppStore();
    const s = store.getState;
    s().setHyper({ seed: 3 });
    s().train();
    s().setHyper({ seed: 4 });
    s().setTrainerState('training');
    expect(s().runSeed).toBe(3);
    s().setTrainerState('idle');
    expect(s().runSeed).toBeNull();
  });
});
