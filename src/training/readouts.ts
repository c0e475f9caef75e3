// What the classifier answers from its model outside the training loop: full evaluations with their
// gallery, the examples of a confusion-matrix cell, predictions and weight or activation snapshots.
import { tr } from '../i18n';
import type { HostDataset } from './backend';
import { answer, completedEpochs, testImage, type CoreState, type Emit } from './core-state';
import { activationSnapshots, snapshotFromState } from './load-weights';
import { normalise } from './normalisation';
import type { GalleryItem, LayerSnapshot, SnapshotKind, TrainerRequest } from './protocol';
import { argmaxRow, CLASSES, evaluationReport, softmaxRow, summariseLogits } from './reports';

/** Most examples of a confusion-matrix cell sent at once. */
const MAX_EXAMPLES = 100;

export class Readouts {
  private gallery: number[] = [];
  /** The last full evaluation's logits, for the examples of a confusion-matrix cell. */
  private evaluated: { data: HostDataset; step: number; count: number; logits: Float32Array } | null = null;

  constructor(
    private readonly s: CoreState,
    private readonly emit: Emit,
    private readonly gallerySize: number,
  ) {}

  /** Evenly spaced test images, fixed for the dataset, so the gallery shows the same images each time. */
  chooseGallery(): void {
    const count = this.s.data.test.available;
    const n = Math.min(this.gallerySize, count);
    this.gallery = Array.from({ length: n }, (_, i) => Math.floor((i * count) / n));
  }

  async evaluate(): Promise<void> {
    const { s } = this;
    if (!s.backend || !s.desc) throw new Error(tr('training:noNetwork.evaluate'));
    const count = s.data.test.available;
    if (count === 0) throw new Error(tr('training:testNotLoaded'));
    const logits = await s.backend.evaluate(count);
    const summary = summariseLogits(logits, s.data.test.labels, count, this.classes());
    this.evaluated = { data: s.data, step: s.step, count, logits };
    this.emit({ type: 'evaluation', ...evaluationReport(summary, completedEpochs(s), s.step) });
    if (this.gallery.length === 0 || this.gallery[this.gallery.length - 1] >= count) this.chooseGallery();
    this.emit({ type: 'gallery', items: this.gallery.map((index) => this.galleryItem(index, logits)) });
  }

  /** Classes the current model scores (its output's length); the built-ins' 10 before there is one. */
  private classes(): number {
    return this.s.desc?.outputShape[0] ?? CLASSES;
  }

  /** Test image `index` with its prediction from `logits` (rows in test-set order). */
  private galleryItem(index: number, logits: Float32Array): GalleryItem {
    const { test, pixels } = this.s.data;
    const classes = this.classes();
    const probabilities = new Float32Array(classes);
    softmaxRow(logits, index, classes, probabilities);
    return {
      index,
      image: test.images.slice(index * pixels, (index + 1) * pixels),
      label: test.labels[index],
      predicted: argmaxRow(logits, index, classes),
      probabilities,
    };
  }

  /** A page of the test images in one confusion-matrix cell of the last full evaluation. */
  examples(request: Extract<TrainerRequest, { type: 'examples' }>): Promise<void> {
    const { s } = this;
    const { id, label, predicted, offset, limit } = request;
    return answer(this.emit, id, () => {
      const whole = (v: number, max: number) => Number.isInteger(v) && v >= 0 && v <= max;
      const classes = this.classes();
      if (!whole(label, classes - 1) || !whole(predicted, classes - 1))
        throw new Error(`a class is a whole number from 0 to ${classes - 1} (got ${label}, ${predicted})`);
      if (!whole(offset, Number.MAX_SAFE_INTEGER) || !whole(limit, MAX_EXAMPLES) || limit === 0)
        throw new Error(`asked for ${limit} examples from ${offset}: at most ${MAX_EXAMPLES} at a time`);
      const e = this.evaluated;
      if (!e || e.data !== s.data) throw new Error(tr('training:notEvaluated'));
      const labels = s.data.test.labels;
      const matches: number[] = [];
      for (let i = 0; i < e.count; i++)
        if (labels[i] === label && argmaxRow(e.logits, i, classes) === predicted) matches.push(i);
      const items = matches.slice(offset, offset + limit).map((index) => this.galleryItem(index, e.logits));
      this.emit({ type: 'examples', id, step: e.step, total: matches.length, offset, items });
    });
  }

  predict(id: number, image: Float32Array): Promise<void> {
    const { s } = this;
    return answer(this.emit, id, async () => {
      if (!s.backend || !s.desc) throw new Error(tr('training:noNetwork.predict'));
      checkImage(image, s.desc.inputShape);
      const logits = await s.backend.predict(normalise(image), 1);
      const probabilities = new Float32Array(this.classes());
      softmaxRow(logits, 0, probabilities.length, probabilities);
      this.emit({ type: 'prediction', id, probabilities });
    });
  }

  snapshot(id: number, what: SnapshotKind, image?: Float32Array): Promise<void> {
    const { s } = this;
    return answer(this.emit, id, async () => {
      const desc = s.desc;
      if (!s.backend || !desc) throw new Error(tr('training:noNetwork.inspect'));
      let layers: LayerSnapshot[];
      if (what === 'weights') layers = snapshotFromState(desc, await s.backend.readState());
      else {
        if (image) checkImage(image, desc.inputShape);
        const outputs = await s.backend.activations(normalise(image ?? testImage(s, 0)));
        layers = activationSnapshots(desc, outputs);
      }
      this.emit({ type: 'snapshot', id, what, layers });
    });
  }
}

/** An image sent from the page must fill the network's input: a shorter one would leave old values behind. */
function checkImage(image: Float32Array, shape: readonly number[]): void {
  const size = shape.reduce((a, b) => a * b, 1);
  if (image.length !== size)
    throw new Error(tr('training:imageSize', { got: image.length, shape: shape.join('×'), size }));
}
