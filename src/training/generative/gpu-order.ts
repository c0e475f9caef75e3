// A generative run's own sample order on the GPU, so it shuffles independently of the classifier's run
// while gathering from the same resident dataset.
import type { GatherSources } from '../../model/model-gathers';

export class GpuOrder {
  private buffer: GPUBuffer | null = null;

  constructor(private readonly device: GPUDevice) {}

  /** Writes `order`; returns true when the buffer was (re)allocated, so gathers must be re-planned. */
  write(order: Uint32Array): boolean {
    const grow = !this.buffer || this.buffer.size < order.byteLength;
    if (grow) {
      this.buffer?.destroy();
      this.buffer = this.device.createBuffer({
        label: 'generative/train-order',
        size: Math.max(16, Math.ceil(order.byteLength / 16) * 16),
        usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST,
      });
    }
    this.device.queue.writeBuffer(this.buffer!, 0, order);
    return grow;
  }

  /** The dataset's buffers with this order in place of the classifier's. */
  sources(dataset: GatherSources): GatherSources {
    if (!this.buffer) throw new Error('set an order before binding the dataset');
    return { ...dataset, trainOrder: this.buffer };
  }

  destroy(): void {
    this.buffer?.destroy();
    this.buffer = null;
  }
}
