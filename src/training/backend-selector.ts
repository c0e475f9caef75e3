// Opens the backend the user's preference picks (see backend-choice.ts for the rules): keeps the WebGPU
// device once acquired, the CPU kernels once opened, and, on a software fallback adapter, each design's
// measurement on both sides, so a design measured once is never measured again.
import { tr } from '../i18n';
import { acquireGpu, type GpuInfo } from '../gpu/device';
import {
  chooseCpuBackend,
  detectCpuEnvironment,
  type CpuBackendChoice,
  type CpuEnvironment,
} from '../engine/wasm/choose';
import type { CpuOps } from '../engine/cpu-ops';
import type { ModelDescription } from '../model/describe';
import type { Hyperparams } from '../network/hyper';
import type { TrainerBackend } from './backend';
import {
  chooseBackend,
  cpuOverrideFor,
  measuresDesigns,
  wantsGpu,
  type ChoiceInput,
  type DesignMeasurement,
  type GpuFinding,
} from './backend-choice';
import { designShapeKey, measureStepMs } from './backend-measure';
import { CpuBackend } from './cpu-backend';
import { openCpuKernels, type CpuKernels, type WasmLoaders } from './cpu-kernels';
import type { BackendChoice, BackendPreference, EventOf } from './protocol';

export interface SelectorOptions {
  /** The WebGPU entry point; null means none, undefined navigator.gpu. */
  gpu?: GPU | null;
  /** The CPU environment (default: detected here). */
  cpuEnv?: CpuEnvironment;
  /** How the wasm ops load their module and helper threads (default: the browser's fetch and Worker). */
  wasm?: WasmLoaders;
  /** Called when a WebGPU backend's device is lost, with the reason. */
  onDeviceLost(reason: string): void;
  /** Called with an uncaptured WebGPU error's message. */
  onGpuError(message: string): void;
  /** Milliseconds each side of a design's measurement trains, after its warm-up step (default 300). */
  measureMs?: number;
}

/** A backend to make current, and the `ready` event that announces it. */
export interface Selected {
  backend: TrainerBackend;
  ready: EventOf<'ready'>;
}

interface OpenRequest {
  forceCpu?: boolean;
  /** The design about to be built, when there is one: on a fallback adapter it is measured first. */
  desc?: ModelDescription | null;
  hyper?: Hyperparams;
  /** The device was just lost: acquire a new one. */
  afterLoss?: boolean;
}

export class BackendSelector {
  /** What the page asked for; the protocol's default is 'webgpu'. */
  preference: BackendPreference = 'webgpu';
  private forceCpu = false;
  private gpu: { device: GPUDevice; info: GpuInfo; lost: boolean } | null = null;
  private finding: GpuFinding = { kind: 'skipped' };
  private kernels: { preference: BackendPreference; opened: Promise<CpuKernels> } | null = null;
  private readonly measured = new Map<string, DesignMeasurement>();
  /** The backend last handed out (the trainer's current one) and its choice. */
  private inUse: TrainerBackend | null = null;
  private current: BackendChoice | null = null;
  /** The facts the current choice was made from. */
  private decided: ChoiceInput | null = null;

  constructor(private readonly options: SelectorOptions) {}

  /** The choice of the backend last handed out. */
  get choice(): BackendChoice | null {
    return this.current;
  }

  /** A backend for `preference` (remembered for later designs and rebuilds). */
  async open(preference: BackendPreference, request: OpenRequest = {}): Promise<Selected> {
    this.preference = preference;
    this.forceCpu = Boolean(request.forceCpu);
    if (request.afterLoss) this.gpu = null;
    this.finding = wantsGpu(preference, this.forceCpu) ? await this.findGpu() : { kind: 'skipped' };
    // Under 'auto' on a fallback adapter, a design is trained where it measured faster; before one is
    // measured (or before any design), on WebAssembly.
    const measures = measuresDesigns(preference, this.finding, this.forceCpu);
    const known =
      measures && request.desc && request.hyper
        ? await this.knownOrMeasured(request.desc, request.hyper)
        : { pending: measures };
    const choose = (cpu: CpuBackendChoice) =>
      this.decide({
        preference,
        forceCpu: this.forceCpu,
        gpu: this.finding,
        cpu,
        ...known,
        afterLoss: request.afterLoss,
      });
    // The CPU kernels start only when the CPU trains (or was measured): on WebGPU the plan names them.
    const opened = this.kernels?.preference === cpuOverrideFor(preference) ? this.kernels.opened : null;
    let choice = choose(opened ? (await opened).choice : this.plannedCpu());
    if (choice.engine !== 'webgpu') choice = choose((await this.cpuKernels()).choice);
    return this.make(choice, request.afterLoss);
  }

  /**
   * For a new design, on a fallback adapter under 'auto': the backend that measured faster for it (a new
   * one, or the current one with a new reason), or WebAssembly until it is measured (`measureIdle`). Null
   * when the choice does not depend on the design, or has not changed.
   */
  async forDesign(desc: ModelDescription, hyper: Hyperparams): Promise<Selected | null> {
    const { current, inUse } = this;
    if (!current || !inUse || !measuresDesigns(this.preference, this.finding, this.forceCpu)) return null;
    const known = await this.knownOrMeasured(desc, hyper);
    const cpu = (await this.cpuKernels()).choice;
    const choice = this.decide({ preference: this.preference, gpu: this.finding, cpu, ...known });
    if (choice.engine !== current.engine) return this.make(choice);
    if (choice.reason === current.reason) return null;
    this.current = choice;
    return { backend: inUse, ready: this.readyFor(choice, false) };
  }

  /** CPU ops of the current CPU kind for another owner (a generative engine, the replay model). */
  async cpuOps(): Promise<CpuOps> {
    return (await this.cpuKernels()).create();
  }

  private async make(choice: BackendChoice, afterLoss = false): Promise<Selected> {
    const backend =
      choice.engine === 'webgpu' && this.gpu
        ? await this.gpuBackend(this.gpu.device)
        : new CpuBackend(await this.cpuOps());
    this.inUse = backend;
    this.current = choice;
    return { backend, ready: this.readyFor(choice, afterLoss) };
  }

  private readyFor(choice: BackendChoice, afterLoss: boolean): EventOf<'ready'> {
    return choice.engine === 'webgpu' && this.gpu
      ? { type: 'ready', backend: 'webgpu', gpu: this.gpu.info, choice }
      : { type: 'ready', backend: 'cpu', fallbackReason: this.fallbackReason(choice, afterLoss), choice };
  }

  /** The CPU's reason in the older, shorter form the `ready` event has always carried. */
  private fallbackReason(choice: BackendChoice, afterLoss: boolean): string {
    if (this.forceCpu) return tr('training:backend.pageAskedCpu');
    if (this.finding.kind === 'missing') {
      return afterLoss
        ? tr('training:backend.noNewDevice', { reason: this.finding.reason })
        : this.finding.reason;
    }
    return choice.reason;
  }

  private async findGpu(): Promise<GpuFinding> {
    if (this.gpu && !this.gpu.lost) return { kind: 'found', info: this.gpu.info };
    this.gpu = null;
    const entry =
      this.options.gpu === undefined ? globalThis.navigator?.gpu : (this.options.gpu ?? undefined);
    try {
      const { device, info } = await acquireGpu(entry);
      const held = { device, info, lost: false };
      void device.lost.then(() => (held.lost = true));
      this.gpu = held;
      return { kind: 'found', info };
    } catch (error) {
      return { kind: 'missing', reason: error instanceof Error ? error.message : String(error) };
    }
  }

  /** The choice for `input`, whose facts are kept so the reason can be worded again in another language. */
  private decide(input: ChoiceInput): BackendChoice {
    this.decided = input;
    return chooseBackend(input);
  }

  /**
   * The backend in use, its reason worded again in the current language (the same facts: the adapter
   * found, the measurements, the CPU kernels' threads), as the `ready` event would carry it; null before
   * a backend is chosen.
   */
  retold(): EventOf<'ready'> | null {
    const { current, decided } = this;
    if (!current || !decided) return null;
    const again = this.plannedCpu();
    const cpu =
      again.kind === decided.cpu.kind && again.threads === decided.cpu.threads
        ? { ...decided.cpu, reason: again.reason }
        : decided.cpu;
    const choice = chooseBackend({ ...decided, cpu });
    if (choice.engine !== current.engine) return null;
    this.current = choice;
    return this.readyFor(choice, Boolean(decided.afterLoss));
  }

  /** The CPU kernels this preference would open, before they are started. */
  private plannedCpu(): CpuBackendChoice {
    return chooseCpuBackend(this.options.cpuEnv ?? detectCpuEnvironment(), cpuOverrideFor(this.preference));
  }

  private cpuKernels(): Promise<CpuKernels> {
    // A CPU preference opens its own kernels; 'auto' and 'webgpu' share the automatic ones.
    const preference = cpuOverrideFor(this.preference);
    if (this.kernels?.preference !== preference) {
      this.dispose();
      this.kernels = {
        preference,
        opened: openCpuKernels(preference, { env: this.options.cpuEnv, wasm: this.options.wasm }),
      };
    }
    return this.kernels.opened;
  }

  /** Releases what the CPU kernels hold beyond the ops their owners took. */
  /** Imported only here, so a browser without WebGPU (whose GPUBufferUsage is undefined) never evaluates
   *  GPU modules. */
  private async gpuBackend(device: GPUDevice): Promise<TrainerBackend> {
    const { GpuBackend } = await import('./gpu-backend');
    return new GpuBackend(device, this.options.onDeviceLost, this.options.onGpuError);
  }

  dispose(): void {
    void this.kernels?.opened.then((k) => k.dispose());
    this.kernels = null;
  }

  /**
   * Whether `desc` waits for a measurement on both sides before its choice is final: 'auto' on a fallback
   * adapter, not measured yet, with WebAssembly to train on meanwhile (plain JavaScript is measured at once).
   */
  measureIdle(desc: ModelDescription, hyper: Hyperparams): boolean {
    return (
      measuresDesigns(this.preference, this.finding, this.forceCpu) &&
      this.plannedCpu().kind === 'wasm' &&
      !this.measured.has(designShapeKey(desc, hyper))
    );
  }

  /**
   * The measurement if there is one; else, with WebAssembly, none yet (the design trains there while the
   * trainer measures it when idle, so a page never waits on it), else one taken now.
   */
  private async knownOrMeasured(
    desc: ModelDescription,
    hyper: Hyperparams,
  ): Promise<{ measured?: DesignMeasurement; pending?: boolean }> {
    const known = this.measured.get(designShapeKey(desc, hyper));
    if (known) return { measured: known };
    if (this.plannedCpu().kind === 'wasm') return { pending: true };
    return { measured: await this.measure(desc, hyper) };
  }

  /**
   * The design's step time on both sides, measured once per design shape and kept. An abort (training
   * started) ends it between steps, and nothing is kept.
   */
  async measure(
    desc: ModelDescription,
    hyper: Hyperparams,
    signal?: AbortSignal,
  ): Promise<DesignMeasurement> {
    const key = designShapeKey(desc, hyper);
    const known = this.measured.get(key);
    if (known) return known;
    const budget = this.options.measureMs ?? 300;
    const cpu = new CpuBackend(await this.cpuOps());
    let result: DesignMeasurement;
    try {
      result = { cpuMs: await measureStepMs(cpu, desc, hyper, budget, signal), webgpuMs: null };
    } finally {
      cpu.destroy();
    }
    const gpu = this.gpu && (await this.gpuBackend(this.gpu.device));
    try {
      if (!gpu) throw new Error('no WebGPU device');
      result.webgpuMs = await measureStepMs(gpu, desc, hyper, budget, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      result.webgpuError = error instanceof Error ? error.message : String(error);
    } finally {
      gpu?.destroy();
    }
    this.measured.set(key, result);
    return result;
  }
}
