// How the explanation animates a layer on the user's real data. Each kind names one style in its
// definition; each style is one small component in src/ui/inspect/animations/, so the page picks a
// component by style and never by kind.
export const ANIMATION_STYLES = [
  /** A kernel slid over the input: each output cell is the sum of its window's products. */
  'conv',
  /** Each input value stamps a scaled kernel onto the output (transposed convolution). */
  'transpose',
  /** A window slid over the input keeps its largest value. */
  'max',
  /** A window slid over the input keeps its mean. */
  'avg',
  /** The input cut into bins, one per output cell, each averaged. */
  'bins',
  /** Each output pixel copied or blended from the input pixels around its position. */
  'upsample',
  /** Each output weighs every input. */
  'dense',
  /** The real values moving along the activation's curve. */
  'curve',
  /** Scores turned into probabilities: shift, exponentiate, divide by the sum. */
  'softmax',
  /** The values' distribution before and after normalising. */
  'normalise',
  /** A random mask zeroes values while training and scales the rest. */
  'dropout',
  /** The inputs added value by value. */
  'add',
  /** The inputs' channels stacked one after another. */
  'concat',
  /** The same values read in a new shape, in order. */
  'reshape',
  /** A VAE's code drawn around its means: μ, σ and the noise, value by value. */
  'sample',
] as const;

export type AnimationStyle = (typeof ANIMATION_STYLES)[number];
