// AdaptiveAvgPool2d's bins with PyTorch's rules (aten/native/AdaptiveAveragePooling.cpp), shared by the GPU
// ops and the CPU reference: output index o of an axis of `input` values pools [start, end) with
// start = floor(o * input / output) and end = ceil((o + 1) * input / output). Bins may overlap, and an
// output larger than the input repeats values.

export interface AdaptiveAxis {
  /** start and end of output o's bin at 2o and 2o + 1. */
  bins: Uint32Array;
  /** The outputs [lo, hi) whose bins hold input i, at 2i and 2i + 1 (contiguous: bins only move forward). */
  spans: Uint32Array;
}

export interface AdaptiveAvgPoolGeometry {
  n: number;
  c: number;
  h: number;
  w: number;
  oh: number;
  ow: number;
  rows: AdaptiveAxis;
  cols: AdaptiveAxis;
}

function adaptiveAxis(input: number, output: number): AdaptiveAxis {
  const bins = new Uint32Array(2 * output);
  const spans = new Uint32Array(2 * input);
  const seen = new Uint8Array(input);
  for (let o = 0; o < output; o++) {
    const start = Math.floor((o * input) / output);
    const end = Math.ceil(((o + 1) * input) / output);
    bins[2 * o] = start;
    bins[2 * o + 1] = end;
    for (let i = start; i < end; i++) {
      if (!seen[i]) spans[2 * i] = o;
      seen[i] = 1;
      spans[2 * i + 1] = o + 1;
    }
  }
  return { bins, spans };
}

/** Shapes and per-axis bins of AdaptiveAvgPool2d(outputSize) on an NCHW input of `shape`. */
export function adaptiveAvgPool2dGeometry(
  shape: readonly number[],
  outputSize: number | readonly [number, number],
): AdaptiveAvgPoolGeometry {
  if (shape.length !== 4 || !shape.every((d) => Number.isInteger(d) && d >= 1)) {
    throw new Error(
      `adaptive_avg_pool2d: input must be [N, C, H, W] with every dimension >= 1, got [${shape}]`,
    );
  }
  const [oh, ow] = typeof outputSize === 'number' ? [outputSize, outputSize] : outputSize;
  if (![oh, ow].every((d) => Number.isInteger(d) && d >= 1)) {
    throw new Error(
      `adaptive_avg_pool2d: output size must be integers >= 1, got ${JSON.stringify(outputSize)}`,
    );
  }
  const [n, c, h, w] = shape;
  return { n, c, h, w, oh, ow, rows: adaptiveAxis(h, oh), cols: adaptiveAxis(w, ow) };
}

export function adaptivePooledShape(g: AdaptiveAvgPoolGeometry): number[] {
  return [g.n, g.c, g.oh, g.ow];
}
