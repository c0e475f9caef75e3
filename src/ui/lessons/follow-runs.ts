// What the lesson checks follow of the generative and dense runs, folded from the worker's events (pure,
// so it is tested without a worker): the mode or task, the steps, and the judge's latest digit score.
import type { LessonView } from '../../lessons/checks';
import type { DenseEvent } from '../../training/dense/types';
import type { GenerativeEvent } from '../../training/generative/types';

export function followGenerative(
  run: LessonView['generative'],
  event: GenerativeEvent,
): LessonView['generative'] {
  switch (event.kind) {
    case 'ready':
      return { mode: event.mode, steps: 0, score: null };
    case 'metrics':
      return { ...run, steps: event.step };
    case 'score':
      // The autoencoder's share of reconstructions recognised (0..1), or the GAN's inception score (1..10),
      // a conditional GAN's too (its `recognised` is the share of digits drawn as asked).
      return {
        ...run,
        score: run.mode === 'autoencoder' ? (event.score.recognised ?? null) : event.score.inceptionScore,
      };
    default:
      return run;
  }
}

export function followDense(run: LessonView['dense'], event: DenseEvent): LessonView['dense'] {
  switch (event.kind) {
    case 'ready':
      // A run rebuilt at a step (a lost device) goes on from that step.
      return { task: event.task, steps: event.step };
    case 'metrics':
      return { ...run, steps: event.step };
    default:
      return run;
  }
}
