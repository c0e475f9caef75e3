// One run trains at a time on the trainer's device: before one starts, each other run that is training is
// paused, with its state and a notice telling the page why.
import type { Emit } from './core-state';

export type RunName = 'classifier' | 'generative' | 'dense';

export interface RunSlot {
  /** What the page calls the run ('classifier', 'GAN', 'segmentation network'). */
  name: string;
  training: boolean;
  pause(reason: string): Promise<void>;
}

export async function makeRoom(starting: RunName, emit: Emit, runs: Record<RunName, RunSlot>): Promise<void> {
  for (const other of ['classifier', 'generative', 'dense'] as const) {
    if (other === starting || !runs[other].training) continue;
    const text = `The ${runs[other].name}'s training was paused: the ${runs[starting].name} started training, and one run trains at a time on the device.`;
    await runs[other].pause(text);
    emit({ type: 'notice', message: text });
  }
}
