// The activations the page's diagram shows live: every layer's output for one watched input, sent when
// asked and then while training, after at least `everyMs` of training and within LIVE_BUDGET of its time
// (the same clock as the test sample's), so a slow device shows them less often rather than train slower.
// Images are cut to their first channels: the diagram shows a strip of maps, not all of them.
import { testImage, type CoreState, type Emit } from './core-state';
import { normalise } from './normalisation';
import type { LayerSnapshot } from './snapshot';
import { SampleClock } from './test-sample';

/** Most of the training time the live activations may take. */
export const LIVE_BUDGET = 0.04;
/** Most values sent of a flat (vector) output: more than a bar chart can show. */
export const MAX_VECTOR_VALUES = 1024;

export class LiveActivations {
  private image: Float32Array | null = null;
  private channels = 1;
  /** When the next live update is due; null while nobody watches. */
  private clock: SampleClock | null = null;

  constructor(
    private readonly s: CoreState,
    private readonly emit: Emit,
  ) {}

  /**
   * Watches `image` (null: the first test image), answering at once; `everyMs` 0 stops. An image that is
   * not of the dataset's size (a drawing fitted to the design before its dataset arrived) gives way to the
   * first test image until the page sends one that is.
   */
  async watch(image: Float32Array | null, everyMs: number, channels: number): Promise<void> {
    if (!Number.isInteger(channels) || channels < 1)
      throw new Error(`watch at least one channel per layer, not ${channels}`);
    this.image = image;
    this.channels = channels;
    this.clock = everyMs > 0 ? new SampleClock(everyMs, LIVE_BUDGET) : null;
    if (this.clock) await this.send();
  }

  /** Adds `ms` of training; sends the activations when due. True when it sent (its time is not training). */
  async tick(ms: number): Promise<boolean> {
    if (!this.clock?.tick(ms)) return false;
    const t0 = performance.now();
    const sent = await this.send();
    this.clock?.evaluated(performance.now() - t0);
    return sent;
  }

  /** Sends the watched input's activations; false when there is no model or no input yet. */
  private async send(): Promise<boolean> {
    const { s } = this;
    const { backend, desc } = s;
    if (!backend || !desc) return false;
    const drawn = this.image?.length === s.data.pixels ? this.image : null;
    const input = drawn ?? (s.data.test.available > 0 ? testImage(s, 0) : null);
    if (!input) return false;
    const outputs = await backend.activations(normalise(input));
    const layers: LayerSnapshot[] = outputs.map((data, layerIndex) => {
      const shape = desc.layers[layerIndex].outShape;
      const kept =
        shape.length === 3
          ? [Math.min(shape[0], this.channels), shape[1], shape[2]]
          : [Math.min(data.length, MAX_VECTOR_VALUES)];
      const size = kept.reduce((a, b) => a * b, 1);
      const kind = desc.layers[layerIndex].layer.kind;
      return { layerIndex, kind, tensors: [{ name: 'output', shape: kept, data: data.slice(0, size) }] };
    });
    this.emit({ type: 'liveActivations', step: s.step, input: input.slice(), layers });
    return true;
  }
}
