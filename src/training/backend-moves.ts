// Where the classifier's model lives: opening the first backend, moving the model (weights, step, sample
// order) to another on request, and the device-loss path, which rebuilds on a new device (or the CPU) from
// the last good weights. TrainerCore hands it the state and calls back into the run, the other sessions
// and the build through a narrow host.
import { tr } from '../i18n';
import type { ModelState, TrainerBackend } from './backend';
import type { BackendSelector } from './backend-selector';
import { resumeSchedule, type CoreState, type Emit } from './core-state';
import type { DenseSession } from './dense/session';
import type { GenerativeSession } from './generative/session';
import type { BackendPreference } from './protocol';

export interface BackendMovesHost {
  emit: Emit;
  /** The classifier's run: stopped before a move, started again after one if it was training. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** The autoencoder/GAN and dense sessions, moved along with the classifier. */
  sessions(): { generative: GenerativeSession; dense: DenseSession };
  /** Builds the model on the current backend from `state`, or from the seed. */
  build(state?: ModelState): void;
  disposed(): boolean;
}

export class BackendMoves {
  /** True while a lost device is being replaced: the runs hold off. */
  recovering = false;

  constructor(
    private readonly s: CoreState,
    private readonly selector: BackendSelector,
    private readonly host: BackendMovesHost,
  ) {}

  async init(forceCpu: boolean, preference: BackendPreference = 'webgpu'): Promise<void> {
    const s = this.s;
    const selected = await this.selector.open(preference, { forceCpu, desc: s.desc, hyper: s.hyper });
    this.attach(selected.backend);
    this.host.emit(selected.ready);
  }

  /** Moves the model (weights, step, sample order) to the backend `preference` picks. */
  async setBackend(preference: BackendPreference): Promise<void> {
    const s = this.s;
    const wasTraining = s.state === 'training';
    await this.host.stop();
    const state = s.backend && s.desc ? await s.backend.readState() : undefined;
    const selected = await this.selector.open(preference, { desc: s.desc, hyper: s.hyper });
    await this.switchTo(selected.backend, state);
    this.host.emit(selected.ready);
    if (wasTraining) await this.host.start();
  }

  /**
   * Makes `backend` current with the model on it; a generative or dense network moves too, from its last
   * good weights.
   */
  async switchTo(backend: TrainerBackend, state?: ModelState): Promise<void> {
    const { generative, dense } = this.host.sessions();
    await generative.suspend();
    await dense.suspend(true);
    if (this.s.schedule) this.s.schedule.orderChanged = true;
    this.attach(backend, state);
    await generative.rebuildAfterLoss(tr('training:backendChanged'));
    await dense.rebuildAfterLoss(tr('training:backendChanged'));
  }

  /** Makes `backend` current: gives it the dataset so far and the model, if there is one. */
  attach(backend: TrainerBackend, state?: ModelState): void {
    const s = this.s;
    s.backend?.destroy();
    s.backend = backend;
    for (const split of ['train', 'test'] as const) {
      if (s.data[split].available > 0) backend.syncDataset(s.data, split, 0, s.data[split].available);
    }
    if (s.desc) this.host.build(state);
  }

  /**
   * The device-loss path: report, rebuild on a new device (or the CPU) from the last good weights, go on.
   * The generative run, if any, is rebuilt the same way from its own last good weights.
   */
  async recover(reason: string): Promise<void> {
    const s = this.s;
    if (this.recovering || this.host.disposed()) return;
    this.recovering = true;
    const wasTraining = s.state === 'training';
    this.host.emit({ type: 'deviceLost', reason, recovering: true });
    await this.host.stop();
    const { generative, dense } = this.host.sessions();
    await generative.suspend();
    await dense.suspend();
    const state = s.lastGood?.state;
    if (s.lastGood) {
      // On from the very batch after the good weights' step, with the order uploaded to the new backend.
      s.step = s.lastGood.step;
      s.schedule = resumeSchedule(s, s.lastGood.position);
    } else if (s.schedule) s.schedule.orderChanged = true;
    s.backend = null;
    const selected = await this.selector.open(this.selector.preference, {
      desc: s.desc,
      hyper: s.hyper,
      afterLoss: true,
    });
    this.attach(selected.backend, state);
    this.host.emit(selected.ready);
    this.recovering = false;
    if (wasTraining) await this.host.start();
    await generative.rebuildAfterLoss();
    await dense.rebuildAfterLoss();
  }
}
