// Divergence that never reaches NaN: at a learning rate far too high the loss can sit at hundreds (SGD at
// lr 100 on LeNet-5 stays at 150-300) while every number stays finite. The watch calls a run diverged once
// its reported loss has stayed far above where training began for a sustained stretch of steps.

/** How far above the start the loss must be, as a factor. */
export const EXPLOSION_FACTOR = 10;
/** How many consecutive steps it must stay there: a single bad batch or a spike is no divergence. */
export const SUSTAINED_STEPS = 50;

export interface Explosion {
  /** The last reported loss. */
  loss: number;
  /** The loss it stayed above. */
  limit: number;
  /** The steps it stayed above the limit. */
  steps: number;
}

export class LossWatch {
  private first: number | null = null;
  private above = 0;

  /** `chance` is the loss of a network that knows nothing (ln 10 for ten classes), where a fresh one starts. */
  constructor(private readonly chance: number) {}

  /** Forgets the run: the next report is a new start (after a build, new weights or a rewind). */
  restart(): void {
    this.first = null;
    this.above = 0;
  }

  /**
   * The limit is ten times the first reported loss, measured against chance when it starts above it (a
   * first report can already hold exploded steps) and never below 10, so a trained model's small loss does
   * not make a lively learning rate look like divergence. Returns the explosion once it is sustained.
   */
  observe(loss: number, steps: number): Explosion | null {
    this.first ??= loss;
    const limit = EXPLOSION_FACTOR * Math.max(1, Math.min(this.first, this.chance));
    this.above = loss > limit ? this.above + steps : 0;
    return this.above >= SUSTAINED_STEPS ? { loss, limit, steps: this.above } : null;
  }
}
