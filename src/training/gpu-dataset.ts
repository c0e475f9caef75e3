// The dataset resident on the GPU: uint8 pixels and labels packed 4 per u32, sized for the full split when
// the first records arrive and filled range by range with queue.writeBuffer as the rest streams in.
import type { GatherSources } from '../model/model-gathers';
import { packBytes } from '../engine/ops/gather-batch';
import type { HostDataset } from './backend';
import { checkDatasetFits } from './host-dataset';

// COPY_SRC lets tests (and a future export) read the resident dataset back.
const STORAGE = GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_DST | GPUBufferUsage.COPY_SRC;

export class GpuDataset {
  private buffers: GatherSources | null = null;
  private capacity = { train: 0, test: 0 };
  /** Batch size the test order is padded for. */
  private padBatch = 1;
  /** The fixed test sample, laid out in the test order after the whole split (see testOrder). */
  private sample: Uint32Array = new Uint32Array(0);

  constructor(private readonly device: GPUDevice) {}

  get sources(): GatherSources | null {
    return this.buffers;
  }

  get bytes(): number {
    const b = this.buffers;
    return b ? Object.values(b).reduce((sum, buf: GPUBuffer) => sum + buf.size, 0) : 0;
  }

  /** True when buffers were (re)allocated, so models must re-plan their gathers. */
  sync(data: HostDataset, split: 'train' | 'test', from: number, to: number): boolean {
    if (!this.ensure(data)) {
      this.write(data, split, from, to);
      return false;
    }
    // New buffers: upload everything both splits have so far, not just this range.
    for (const name of ['train', 'test'] as const) {
      if (data[name].available > 0) this.write(data, name, 0, data[name].available);
    }
    return true;
  }

  private write(data: HostDataset, split: 'train' | 'test', from: number, to: number): void {
    const s = data[split];
    // Whole u32 words: start on a word boundary and copy the packed bytes of [from, to).
    const write = (buffer: GPUBuffer, bytes: Uint8Array, recordBytes: number) => {
      const begin = Math.floor((from * recordBytes) / 4) * 4;
      const end = to * recordBytes;
      const packed = packBytes(bytes.subarray(begin, end));
      this.device.queue.writeBuffer(buffer, begin, packed);
    };
    const b = this.buffers!;
    write(split === 'train' ? b.trainImages : b.testImages, s.images, data.pixels);
    write(split === 'train' ? b.trainLabels : b.testLabels, s.labels, 1);
  }

  /** Where the test sample starts in the test order: after the split's records and their padding. */
  get sampleStart(): number {
    return Math.ceil(Math.max(this.capacity.test, 1) / this.padBatch) * this.padBatch;
  }

  /** Puts `indices` into the test order after the split; true when the order buffer was replaced. */
  setTestSample(indices: Uint32Array): boolean {
    if (!this.buffers || indices === this.sample) return false;
    this.sample = indices;
    this.buffers.testOrder.destroy();
    this.buffers.testOrder = this.testOrder();
    return true;
  }

  /** The test order padded to whole batches of `batch` (padding rows read record 0 and are ignored). */
  padTestOrder(batch: number): boolean {
    if (!this.buffers || batch === this.padBatch) return false;
    this.padBatch = batch;
    this.buffers.testOrder.destroy();
    this.buffers.testOrder = this.testOrder();
    return true;
  }

  /** [0 .. capacity) then the sample, each padded to whole batches: evaluations gather from either part. */
  private testOrder(): GPUBuffer {
    const start = this.sampleStart;
    const order = new Uint32Array(start + Math.ceil(this.sample.length / this.padBatch) * this.padBatch);
    for (let i = 0; i < this.capacity.test; i++) order[i] = i;
    order.set(this.sample, start);
    return this.upload('test-order', order);
  }

  private ensure(data: HostDataset): boolean {
    if (
      this.buffers &&
      this.capacity.train === data.train.capacity &&
      this.capacity.test === data.test.capacity
    ) {
      return false;
    }
    checkDatasetFits(data, this.device.limits.maxStorageBufferBindingSize);
    this.destroy();
    this.capacity = { train: data.train.capacity, test: data.test.capacity };
    const make = (label: string, bytes: number) =>
      this.device.createBuffer({
        label: `dataset/${label}`,
        size: Math.max(16, Math.ceil(bytes / 16) * 16),
        usage: STORAGE,
      });
    this.buffers = {
      trainImages: make('train-images', data.train.capacity * data.pixels),
      trainLabels: make('train-labels', data.train.capacity),
      trainOrder: make('train-order', data.train.capacity * 4),
      testImages: make('test-images', data.test.capacity * data.pixels),
      testLabels: make('test-labels', data.test.capacity),
      testOrder: this.testOrder(),
    };
    return true;
  }

  setOrder(order: Uint32Array): void {
    if (!this.buffers) throw new Error('the dataset is not on the GPU yet');
    this.device.queue.writeBuffer(this.buffers.trainOrder, 0, order);
  }

  private upload(label: string, data: Uint32Array): GPUBuffer {
    const buffer = this.device.createBuffer({
      label: `dataset/${label}`,
      size: Math.max(16, data.byteLength),
      usage: STORAGE,
    });
    this.device.queue.writeBuffer(buffer, 0, data);
    return buffer;
  }

  destroy(): void {
    if (this.buffers) for (const b of Object.values(this.buffers) as GPUBuffer[]) b.destroy();
    this.buffers = null;
  }
}
