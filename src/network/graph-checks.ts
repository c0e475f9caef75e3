// Checks of the design as a graph, before any shape: inputs that name no layer, layers that read a later
// layer or themselves (loops), layers given the wrong number of inputs, and outputs nobody reads.
import { tr } from '../i18n';
import { definitionOf, type SpecIssue } from '../layers';
import { consumersOf, FROM_INPUT, topologicalOrder } from '../layers/core/graph';
import { connectFix, layerIssue, layerName } from './issue-helpers';
import type { NetworkSpec } from './spec';

export interface GraphCheck {
  issues: SpecIssue[];
  /** Layers whose inputs cannot be used (unknown, later, looping): their shapes are not inferred. */
  broken: Set<number>;
}

export function checkGraph(spec: NetworkSpec, sources: readonly (readonly (number | null)[])[]): GraphCheck {
  const issues: SpecIssue[] = [];
  const broken = new Set<number>();
  const name = (i: number) => (i === FROM_INPUT ? tr('shapes:name.input') : layerName(i, spec.layers[i]));
  const readPrevious = (i: number) =>
    connectFix(
      spec.layers[i],
      null,
      i === 0 ? tr('network:graph.readInput') : tr('network:graph.readLayer', { n: i }),
    );

  spec.layers.forEach((layer, i) => {
    const from = sources[i];
    if (layer.inputs !== undefined && layer.inputs.length === 0) {
      issues.push(
        layerIssue(
          i,
          layer,
          'error',
          tr('network:graph.readsNothing', { name: layerName(i, layer) }),
          readPrevious(i),
        ),
      );
      broken.add(i);
      return;
    }
    const unknown = layer.inputs?.find((_, k) => from[k] === null);
    if (unknown !== undefined) {
      const message = tr('network:graph.unknown', { name: layerName(i, layer), id: unknown.slice(0, 40) });
      issues.push(layerIssue(i, layer, 'error', message, readPrevious(i)));
      broken.add(i);
      return;
    }
    if (definitionOf(layer.kind).arity === 'one' && from.length > 1) {
      const message = tr('network:graph.oneInput', {
        name: layerName(i, layer),
        n: from.length,
        keep: name(from[0]!),
      });
      const keep = connectFix(
        layer,
        [layer.inputs![0]],
        tr('network:graph.keepOnly', { keep: name(from[0]!) }),
      );
      issues.push(layerIssue(i, layer, 'error', message, keep));
      broken.add(i);
    }
  });

  const sorted = topologicalOrder(sources);
  if ('cycle' in sorted) {
    const loop = [...sorted.cycle].sort((a, b) => a - b);
    const first = loop[0];
    const message = tr('network:graph.loop', { names: loop.map(name).join(', '), first: name(first) });
    issues.push(layerIssue(first, spec.layers[first], 'error', message, readPrevious(first)));
    for (const i of loop) broken.add(i);
  } else {
    const late = sources.findIndex((from, i) => from.some((s) => s !== null && s >= i));
    if (late >= 0) {
      const target = sources[late].find((s) => s !== null && s >= late)!;
      const order = sorted.order.map((i) => spec.layers[i].id);
      const message = tr('network:graph.later', {
        name: layerName(late, spec.layers[late]),
        target: name(target),
      });
      const fix = { label: tr('network:graph.reorder'), action: { type: 'reorder' as const, order } };
      issues.push(layerIssue(late, spec.layers[late], 'error', message, fix));
      sources.forEach((from, i) => {
        if (from.some((s) => s !== null && s >= i)) broken.add(i);
      });
    }
  }

  const consumers = consumersOf(sources);
  spec.layers.forEach((layer, i) => {
    if (i === spec.layers.length - 1 || consumers[i].length > 0) return;
    const message = tr('network:graph.unused', { name: layerName(i, layer) });
    issues.push(
      layerIssue(i, layer, 'warning', message, {
        label: tr('shapes:fix.remove', { kind: layer.kind }),
        action: { type: 'remove', layerId: layer.id },
      }),
    );
  });
  return { issues, broken };
}
