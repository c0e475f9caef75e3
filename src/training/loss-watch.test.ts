import { describe, expect, it } from 'vitest';
import { LossWatch, SUSTAINED_STEPS } from './loss-watch';

const CHANCE = Math.log(10);

/** Feeds reports of `steps` steps each and returns the first explosion, with the report's index. */
function firstExplosion(losses: number[], steps = 10) {
  const watch = new LossWatch(CHANCE);
  for (const [i, loss] of losses.entries()) {
    const hit = watch.observe(loss, steps);
    if (hit) return { at: i, ...hit };
  }
  return null;
}

describe('the loss watch', () => {
  it('calls SGD at lr 100 on LeNet-5 (measured losses) diverged after 50 steps far above the start', () => {
    // Reports every 10 steps of the real run: the first already averages in exploded steps.
    const measured = [6.3e25, 216, 241, 280, 206, 170, 157, 186, 206, 229];
    expect(firstExplosion(measured)).toEqual({ at: 4, loss: 206, limit: 10 * CHANCE, steps: 50 });
  });

  it('never fires on a healthy run, a spike, or a trained model at a lively learning rate', () => {
    const healthy = [2.3, 1.9, 1.2, 0.8, 0.5, 0.4, 0.35, 0.3, 0.3, 0.28];
    expect(firstExplosion(healthy)).toBeNull();
    const spike = [2.3, 1.5, 900, 1.2, 900, 1.0, 900, 0.9, 0.8];
    expect(firstExplosion(spike)).toBeNull();
    // Loaded trained weights (loss 0.05), then a learning rate that unlearns: worse, but not divergence.
    const unlearning = [0.05, 0.4, 1.5, 3, 6, 8, 9.5, 9, 8, 7, 7, 7];
    expect(firstExplosion(unlearning)).toBeNull();
  });

  it('counts steps, not reports, and starts over after restart', () => {
    expect(firstExplosion([2.3, 500, 500, 500], 20)).toMatchObject({ at: 3, steps: 60 });
    expect(firstExplosion(Array(SUSTAINED_STEPS).fill(500), 1)).toMatchObject({ at: SUSTAINED_STEPS - 1 });
    const watch = new LossWatch(CHANCE);
    for (let i = 0; i < 4; i++) expect(watch.observe(500, 10)).toBeNull();
    watch.restart();
    for (let i = 0; i < 4; i++) expect(watch.observe(500, 10)).toBeNull();
    expect(watch.observe(500, 10)).toEqual({ loss: 500, limit: 10 * CHANCE, steps: 50 });
  });

  it('starts from a fresh loss below chance when the run begins there', () => {
    // A first loss of 1.5 gives a limit of 15.
    expect(firstExplosion([1.5, 16, 16, 16, 16, 16])).toMatchObject({ at: 5, limit: 15 });
    expect(firstExplosion([1.5, 14, 14, 14, 14, 14, 14])).toBeNull();
  });
});
