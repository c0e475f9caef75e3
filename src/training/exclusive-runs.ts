// One run trains at a time on the trainer's device: before one starts, each other run that is training is
// paused, with its state and a notice telling the page why.
import { tr } from '../i18n';
import type { Emit } from './core-state';

export type RunName = 'classifier' | 'generative' | 'dense';

export interface RunSlot {
  /** What the page calls the run, in the reader's language ('classifier', 'GAN', 'segmentation network'). */
  name: string;
  training: boolean;
  pause(reason: string): Promise<void>;
}

export async function makeRoom(starting: RunName, emit: Emit, runs: Record<RunName, RunSlot>): Promise<void> {
  for (const other of ['classifier', 'generative', 'dense'] as const) {
    if (other === starting || !runs[other].training) continue;
    const text = tr('training:exclusive', { paused: runs[other].name, by: runs[starting].name });
    await runs[other].pause(text);
    emit({ type: 'notice', message: text });
  }
}
