// Puts a step's setup into the app through the store's own actions, so it is one undoable edit like any
// other; a setup that cannot apply (a lesson file naming a missing layer) becomes a notice.
import { tr } from '../../i18n';
import type { Setup } from '../../lessons/schema';
import { setupDesign } from '../../lessons/setup';
import { useStore } from '../store/store';
import { useClassroom } from './classroom-store';

export function applySetup(setup: Setup): void {
  const app = useStore.getState();
  try {
    const design = setupDesign(setup);
    if (design?.discriminator) app.loadGan(design.spec, design.discriminator);
    else if (design) app.loadSpec(design.spec);
    // The generative and dense runs the checks followed were of the design just replaced.
    if (design) forgetRuns();
  } catch (error) {
    app.setNotice(
      tr('ui:applySetup.thisLessonStepCould', {
        value: error instanceof Error ? error.message : String(error),
      }),
    );
    return;
  }
  if (setup.hyper) app.setHyper(setup.hyper);
  if (setup.reset) {
    app.reset();
    // A notice about the run just reset (a divergence in the step before) would read as about the new one.
    app.setNotice(null);
  }
}

function forgetRuns(): void {
  const room = useClassroom.getState();
  room.setGenerative({ mode: null, steps: 0, score: null });
  room.setDense({ task: null, steps: 0 });
}
