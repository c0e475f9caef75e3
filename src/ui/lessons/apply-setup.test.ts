import { describe, expect, it } from 'vitest';
import { CONDITION_CLASSES } from '../../network/cgan-presets';
import { useStore } from '../store/store';
import { applySetup } from './apply-setup';
import { useClassroom } from './classroom-store';

describe('a lesson step’s setup', () => {
  it('puts in the GAN pair it names, and forgets the runs of the design it replaced', () => {
    // The plain DCGAN trained before, to a digit score a later step's check would otherwise read.
    useClassroom.getState().setGenerative({ mode: 'gan', steps: 1500, score: 7.1 });
    useClassroom.getState().setDense({ task: 'segmentation', steps: 40 });
    applySetup({ preset: 'cgan-generator' });
    const app = useStore.getState();
    expect(app.spec.task).toBe('generator');
    expect(app.partner?.spec.input.shape).toEqual([1 + CONDITION_CLASSES, 28, 28]);
    expect(useClassroom.getState().generative).toEqual({ mode: null, steps: 0, score: null });
    expect(useClassroom.getState().dense).toEqual({ task: null, steps: 0 });
  });

  it('leaves the runs alone when it leaves the design alone', () => {
    useClassroom.getState().setGenerative({ mode: 'gan', steps: 30, score: 2 });
    applySetup({ hyper: { lr: 0.01 } });
    expect(useClassroom.getState().generative).toEqual({ mode: 'gan', steps: 30, score: 2 });
  });
});
