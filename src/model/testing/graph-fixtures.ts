// Test-only: the PyTorch-made graph models (scripts/fixtures/ops_graph_model.py) as engine descriptions,
// with helpers that lay their weights out in a model's flat parameter array and read gradients back.
import { loadFixture } from '../../engine/fixtures/load';
import { describeModel, type LayerDesc, type ModelDescription } from '../describe';

export interface GraphCase {
  name: string;
  batch: number;
  desc: ModelDescription;
  /** Flat parameters in the model's layout. */
  params: Float32Array;
  x: Float32Array;
  y: Float32Array;
  dy: Float32Array;
  /** Per parameter tensor (layer order, weight then bias), PyTorch's gradient. */
  dparams: Float32Array[];
  dx: Float32Array;
}

/** The parameter tensors of a description in PyTorch's module order: [offset, size] in floats. */
export function paramSlices(desc: ModelDescription): { offset: number; size: number }[] {
  return desc.layers.flatMap((plan) => plan.params.map((t) => ({ offset: t.offset, size: t.size })));
}

export function graphCases(): GraphCase[] {
  return (loadFixture('graph_model').graphs as Record<string, unknown>[]).map((c) => {
    const desc = describeModel(c.input_shape as number[], c.layers as LayerDesc[]);
    const params = new Float32Array(desc.paramFloats);
    const slices = paramSlices(desc);
    const given = c.params as number[][];
    if (given.length !== slices.length)
      throw new Error(`${String(c.name)}: ${given.length} tensors for ${slices.length}`);
    slices.forEach((s, i) => {
      if (given[i].length !== s.size)
        throw new Error(`${String(c.name)}: tensor ${i} has ${given[i].length} values, not ${s.size}`);
      params.set(given[i], s.offset);
    });
    return {
      name: c.name as string,
      batch: c.batch as number,
      desc,
      params,
      x: Float32Array.from(c.x as number[]),
      y: Float32Array.from(c.y as number[]),
      dy: Float32Array.from(c.dy as number[]),
      dparams: (c.dparams as number[][]).map((d) => Float32Array.from(d)),
      dx: Float32Array.from(c.dx as number[]),
    };
  });
}
