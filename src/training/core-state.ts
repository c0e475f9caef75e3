// The classifier trainer's state as one object. TrainerCore owns it and hands it to the parts that train,
// read results back and move the model (TrainingRun, Readouts, Inspector, BackendMoves); they call back
// through narrow hosts, never through a pointer to the core, so no part imports another.
import { tr } from '../i18n';
import type { ModelDescription } from '../model/describe';
import { DEFAULT_HYPER, type Hyperparams } from '../network/hyper';
import type { NetworkSpec } from '../network/spec';
import type { Checkpoint, HostDataset, ModelState, TrainerBackend } from './backend';
import { emptyHostDataset } from './host-dataset';
import type { TrainerEvent, TrainerState } from './protocol';
import { EpochSchedule, type SchedulePosition } from './schedule';

export interface CoreState {
  backend: TrainerBackend | null;
  spec: NetworkSpec | null;
  desc: ModelDescription | null;
  hyper: Hyperparams;
  data: HostDataset;
  /** True while `data` is still streaming in (its splits may grow). */
  streaming: boolean;
  state: TrainerState;
  schedule: EpochSchedule | null;
  /** Optimizer steps since the last reset. */
  step: number;
  /** The last weights known to be finite, on the host: a lost device is rebuilt from these. */
  lastGood: Checkpoint | null;
  /** The largest magnitude in weights loaded since the last reset, when absurd (see ABSURD_WEIGHT): a
   *  divergence is then put down to them, not to the learning rate. */
  loadedLargest: number | null;
}

/** The state of a trainer that has nothing yet: no backend, no design, no data. */
export function freshCoreState(): CoreState {
  return {
    backend: null,
    spec: null,
    desc: null,
    hyper: { ...DEFAULT_HYPER },
    data: emptyHostDataset(),
    streaming: false,
    state: 'idle',
    schedule: null,
    step: 0,
    lastGood: null,
    loadedLargest: null,
  };
}

export type Emit = (event: TrainerEvent) => void;

/** Epochs finished so far (the current one counts once its last step is taken). */
export function completedEpochs(s: CoreState): number {
  const schedule = s.schedule;
  return schedule ? schedule.epoch + (schedule.epochEnded ? 1 : 0) : 0;
}

/** The current step and where the schedule stands after it. */
export function position(s: CoreState): Omit<Checkpoint, 'state'> {
  return { step: s.step, position: s.schedule?.position() ?? null };
}

/** A copy of `state` kept as the weights of the current step. */
export function checkpointHere(s: CoreState, state: ModelState): Checkpoint {
  return { state: { params: state.params.slice(), buffers: state.buffers.slice() }, ...position(s) };
}

/** Runs request `id`'s `work`; a failure becomes its `requestFailed` event. */
export async function answer(emit: Emit, id: number, work: () => void | Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    emit({ type: 'requestFailed', id, message: error instanceof Error ? error.message : String(error) });
  }
}

/** The schedule that goes on after `position` (null: none yet, drawn at the next step). */
export function resumeSchedule(s: CoreState, position: SchedulePosition | null): EpochSchedule | null {
  return position && EpochSchedule.resume(s.hyper.seed, s.hyper.batchSize, position);
}

/** Test image `index` as values in 0..1. */
export function testImage(s: CoreState, index: number): Float32Array {
  const { pixels, test } = s.data;
  if (test.available <= index) throw new Error(tr('training:testNotLoadedImage'));
  return Float32Array.from(test.images.subarray(index * pixels, (index + 1) * pixels), (v) => v / 255);
}
