// Fixes for an image-producing network (reconstruction, generator) whose last image is not 1×28×28: one
// parameter of the layer that sets the size (its definition's fitSide), or a conv appended at the end.
import { tr } from '../i18n';
import { definitionOf, SPEC_LIMITS } from '../layers';
import { FROM_INPUT, resolveInputs } from '../layers/core/graph';
import { inferLayer, type GraphSoFar } from './infer';
import { fixLayer, insertFix, setFix } from './issue-helpers';
import type { SpecFix } from './issues';
import type { NetworkSpec, Shape } from './spec';
import { IMAGE_SHAPE, inputShapeOf } from './spec';

const SIDE = IMAGE_SHAPE[1];

/** What one edit does, for the message: "set output_padding = 1 on layer 9". */
export interface ImageFix {
  text: string;
  fix: SpecFix;
}

/** The per-sample shape layer `index` reads first, by re-running inference from the input (null if it stops). */
export function inputShapeAt(spec: NetworkSpec, index: number): Shape | null {
  const sources = resolveInputs(spec.layers);
  const input = inputShapeOf(spec);
  const outputs: (Shape | null)[] = [];
  const flattens: GraphSoFar['flattens'][number][] = [];
  const graph: GraphSoFar = { spec, sources, outputs, flattens, input };
  const shapeOf = (s: number | null) => (s === FROM_INPUT ? input : s === null ? null : (outputs[s] ?? null));
  for (let i = 0; i < index; i++) {
    const shapes = sources[i].map(shapeOf);
    const known = shapes.every((s) => s !== null) ? (shapes as Shape[]) : null;
    const output = known ? inferLayer(graph, i, known).output : null;
    outputs.push(output);
    const first = sources[i][0];
    const flattensHere = definitionOf(spec.layers[i].kind).traits?.view && known?.[0].length === 3;
    flattens.push(
      flattensHere ? { index: i, shape: known![0] } : first === null || first < 0 ? null : flattens[first],
    );
  }
  const first = sources[index]?.[0] ?? null;
  return shapeOf(first);
}

/** One edit of the shape-setting layer at `index` (whose output is `output`) that gives 1×28×28. */
export function lastConvFix(spec: NetworkSpec, index: number, output: Shape): ImageFix | null {
  const layer = spec.layers[index];
  const definition = definitionOf(layer.kind);
  if (!definition.fitSide) return null;
  const sizeParam = definition.traits?.sizeParam;
  if (output[0] !== 1 && sizeParam)
    return {
      text: tr('network:output.setText', { param: sizeParam, value: 1 }),
      fix: setFix(layer, sizeParam, 1),
    };
  const input = inputShapeAt(spec, index);
  if (!input || input.length !== 3) return null;
  const edit = definition.fitSide(
    layer as unknown as Parameters<typeof definition.fitSide>[0],
    input[1],
    input[2],
    SIDE,
  );
  return edit
    ? {
        text: tr('network:output.setText', { param: edit.param, value: edit.value }),
        fix: setFix(layer, edit.param, edit.value),
      }
    : null;
}
/** A layer to append to a C×n×n image that ends at 1×28×28: ConvTranspose2d upsampling below 28, Conv2d above. */
export function appendConvFix(spec: NetworkSpec, output: Shape): ImageFix | null {
  const [c, h, w] = output;
  if (output.length !== 3 || h !== w || h === SIDE) return null;
  const index = spec.layers.length;
  if (h > SIDE) {
    const k = h - SIDE + 1;
    if (k > SPEC_LIMITS.maxKernel) return null;
    const layer = { ...fixLayer(spec, 'Conv2d', index), in_channels: c, out_channels: 1, kernel_size: k };
    const what = tr('network:output.convWhat', { c, k });
    return { text: tr('network:output.addText', { what }), fix: insertFix(index, layer, what) };
  }
  // Largest stride whose kernel covers it (k ≥ s, no gaps): 28 = (h-1)s + k, so 14 → k 2 s 2, 7 → k 4 s 4.
  for (let s = Math.min(SPEC_LIMITS.maxStride, SIDE); s >= 1; s--) {
    const k = SIDE - (h - 1) * s;
    if (k < s || k > SPEC_LIMITS.maxKernel) continue;
    const layer = {
      ...fixLayer(spec, 'ConvTranspose2d', index),
      in_channels: c,
      out_channels: 1,
      kernel_size: k,
      stride: s,
      padding: 0,
      output_padding: 0,
    };
    const what = tr('network:output.convTransposeWhat', { c, k, s });
    return { text: tr('network:output.addText', { what }), fix: insertFix(index, layer, what) };
  }
  return null;
}
