// A design as a graph: each layer reads the layers its `inputs` name ('input' is the network's own
// input), or the previous layer when it names none. The list order is the order layers run in, so every
// layer must come after the layers it reads; the last layer is the output.
import type { LayerBase } from './types';

/** The id that names the network's own input in `inputs`. */
export const NETWORK_INPUT = 'input';

/** Index of the network input among sources. */
export const FROM_INPUT = -1;

/** For each layer, the index of each input: FROM_INPUT for the network input, null for an unknown id. */
export function resolveInputs(layers: readonly LayerBase[]): (number | null)[][] {
  const index = new Map(layers.map((l, i) => [l.id, i]));
  return layers.map((layer, i) =>
    layer.inputs === undefined
      ? [i - 1]
      : layer.inputs.map((id) => (id === NETWORK_INPUT ? FROM_INPUT : (index.get(id) ?? null))),
  );
}

/** For each layer, the layers that read it (in list order, one entry per edge). */
export function consumersOf(sources: readonly (readonly (number | null)[])[]): number[][] {
  const out: number[][] = sources.map(() => []);
  sources.forEach((inputs, i) => {
    for (const s of inputs) if (s !== null && s >= 0) out[s].push(i);
  });
  return out;
}

/**
 * An order in which every layer comes after the layers it reads (stable: the list order wherever it
 * already works), or the layers of one cycle when there is none.
 */
export function topologicalOrder(
  sources: readonly (readonly (number | null)[])[],
): { order: number[] } | { cycle: number[] } {
  const n = sources.length;
  const state = new Array<0 | 1 | 2>(n).fill(0);
  const order: number[] = [];
  const stack: number[] = [];
  const visit = (i: number): number[] | null => {
    if (state[i] === 2) return null;
    if (state[i] === 1) return stack.slice(stack.indexOf(i));
    state[i] = 1;
    stack.push(i);
    for (const s of sources[i]) {
      if (s === null || s < 0) continue;
      const cycle = visit(s);
      if (cycle) return cycle;
    }
    stack.pop();
    state[i] = 2;
    order.push(i);
    return null;
  };
  for (let i = 0; i < n; i++) {
    const cycle = visit(i);
    if (cycle) return { cycle };
  }
  return { order };
}
