// Which samples each step trains on. Each epoch is a seeded permutation of the training images available
// when it starts; a step takes the next `batch` of it and a remainder smaller than a batch is dropped
// (PyTorch's drop_last), so every step has the planned size. While the dataset streams in, an epoch that
// reaches the end of its order goes on over a seeded permutation of the images that arrived meanwhile, so
// it still takes every image once, and it ends only when the whole split is in.
import { deriveSeed, permutation, Prng } from './prng';

/** Seed stream ids, so initialisation and each epoch's shuffle draw independent sequences. */
export const SEED_STREAM = { init: 0, dropout: 1, epoch: 1000, augment: 1_000_000 } as const;

/** Initial weights are drawn from their own stream of the run seed. */
export function seededRandom(seed: number): () => number {
  const prng = new Prng(deriveSeed(seed, SEED_STREAM.init));
  return () => prng.next();
}

export interface StepPosition {
  epoch: number;
  /** Index of the step within its epoch. */
  stepInEpoch: number;
  stepsInEpoch: number;
}

/** Where a schedule stands: enough to go on from there later (a rebuild from weights taken at that step). */
export interface SchedulePosition {
  batch: number;
  epoch: number;
  stepInEpoch: number;
  /** The epoch's order; drawn orders are never changed in place, so it is shared, not copied. */
  order: Uint32Array;
}

export class EpochSchedule {
  epoch = 0;
  stepInEpoch = 0;
  order: Uint32Array = new Uint32Array(0);
  /** True when `order` was just drawn and the backend has not seen it yet. */
  orderChanged = false;
  /** The split's size as the last `next` was told it (more than `order` holds while it streams in). */
  private expected = 0;

  constructor(
    readonly seed: number,
    readonly batch: number,
  ) {}

  get stepsInEpoch(): number {
    return Math.floor(this.order.length / this.batch);
  }

  /** The epoch's fraction done after the steps taken so far (of the whole split while it streams in). */
  get progress(): number {
    const steps = Math.floor(Math.max(this.order.length, this.expected) / this.batch);
    return steps === 0 ? 0 : Math.min(1, this.stepInEpoch / steps);
  }

  /**
   * Where the next step starts in `order`, drawing a new epoch's order when the current one is used up, or
   * growing the current one by the images that arrived since it was drawn. `expected` is the split's whole
   * size while more images are on their way. Returns null when fewer than `batch` images are available, or
   * when the epoch has used every image in and waits for more.
   */
  next(available: number, expected = available): number | null {
    this.expected = expected;
    if (this.order.length > 0 && this.stepInEpoch >= this.stepsInEpoch && available > this.order.length)
      this.grow(available);
    if (this.order.length === 0 || this.stepInEpoch >= this.stepsInEpoch) {
      if (available < this.batch || (this.order.length > 0 && available < expected)) return null;
      if (this.order.length > 0) this.epoch += 1;
      this.order = permutation(available, new Prng(deriveSeed(this.seed, SEED_STREAM.epoch + this.epoch)));
      this.stepInEpoch = 0;
      this.orderChanged = true;
    }
    const start = this.stepInEpoch * this.batch;
    this.stepInEpoch += 1;
    return start;
  }

  position(): SchedulePosition {
    return { batch: this.batch, epoch: this.epoch, stepInEpoch: this.stepInEpoch, order: this.order };
  }

  /**
   * A schedule whose next step is the one after `position`, its order marked unseen (a new backend or a
   * restored model needs it). A position of another batch size, or none, gives a fresh schedule.
   */
  static resume(seed: number, batch: number, position: SchedulePosition | null): EpochSchedule {
    const schedule = new EpochSchedule(seed, batch);
    if (position && position.batch === batch) {
      schedule.epoch = position.epoch;
      schedule.stepInEpoch = position.stepInEpoch;
      schedule.order = position.order;
      schedule.orderChanged = position.order.length > 0;
    }
    return schedule;
  }

  /** True when the last step taken finished its epoch (its order covers the whole split). */
  get epochEnded(): boolean {
    return (
      this.stepsInEpoch > 0 && this.stepInEpoch >= this.stepsInEpoch && this.order.length >= this.expected
    );
  }

  /**
   * Appends the images [order.length, available) in a seeded order of their own (a new array: drawn
   * orders are shared, never changed in place); the images of the dropped remainder come next.
   */
  private grow(available: number): void {
    const from = this.order.length;
    const stream = deriveSeed(deriveSeed(this.seed, SEED_STREAM.epoch + this.epoch), from);
    const added = permutation(available - from, new Prng(stream));
    const order = new Uint32Array(available);
    order.set(this.order);
    for (let i = 0; i < added.length; i++) order[from + i] = from + added[i];
    this.order = order;
    this.orderChanged = true;
  }
}
