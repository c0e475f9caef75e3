// The trainer's other runs, the generative modes and the dense tasks: each keeps its own state and reaches
// the trainer's backend and dataset only through the callbacks given here.
import type { CpuOps } from '../engine/cpu-ops';
import type { CoreState, Emit } from './core-state';
import { DEFAULT_DENSE_OPTIONS, DenseSession, type DenseSessionOptions } from './dense/session';
import type { RunName, RunSlot } from './exclusive-runs';
import { GenerativeSession } from './generative/session';

export interface SessionsHost {
  emit: Emit;
  /** True while the trainer rebuilds after a lost device. */
  recovering(): boolean;
  snapshotEveryMs(): number;
  cpuOps(): Promise<CpuOps>;
  /** Pauses the other runs before `name` trains. */
  makeRoom(name: RunName): Promise<void>;
  dense?: Partial<DenseSessionOptions>;
}

export function createSessions(
  s: CoreState,
  host: SessionsHost,
): { generative: GenerativeSession; dense: DenseSession } {
  const shared = {
    backend: () => s.backend,
    data: () => s.data,
    recovering: host.recovering,
    snapshotEveryMs: host.snapshotEveryMs,
    cpuOps: host.cpuOps,
  };
  const generative = new GenerativeSession({
    ...shared,
    emit: (event) => host.emit({ type: 'generative', event }),
    makeRoom: () => host.makeRoom('generative'),
  });
  const dense = new DenseSession(
    {
      ...shared,
      emit: (event) => host.emit({ type: 'dense', event }),
      makeRoom: () => host.makeRoom('dense'),
    },
    { ...DEFAULT_DENSE_OPTIONS, ...host.dense },
  );
  return { generative, dense };
}

/** The generative and dense runs as the one-run-at-a-time rule sees them. */
export function sessionSlots(
  generative: GenerativeSession,
  dense: DenseSession,
): Record<'generative' | 'dense', RunSlot> {
  return {
    generative: {
      name: generative.mode === 'gan' ? 'GAN' : 'autoencoder',
      training: generative.state === 'training',
      pause: (reason) => generative.pause(reason),
    },
    dense: {
      name: `${dense.task ?? 'segmentation'} network`,
      training: dense.state === 'training',
      pause: (reason) => dense.pause(reason),
    },
  };
}
