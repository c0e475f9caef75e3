// What a screen reader hears for each node and edge of the diagram: what the layer is, its output, size and
// cost, what it reads and what reads it, and its problems. The same words the sighted user reads on the
// node and its hover card.
import { tr } from '../../../i18n';
import type { SpecAnalysis } from '../../../network/analyze';
import { datasetName } from '../../../network/dataset-input';
import { formatShape, INPUT_ID, type NetworkSpec } from '../../../network/spec';
import { formatCount, formatFlops, keyParams } from '../layer-summary';
import { nodeName } from './edits';
import type { DiagramGraph } from './layout';

const list = (names: string[]) =>
  names.length <= 1
    ? (names[0] ?? '')
    : tr('ui:describe.listAnd', {
        first: names.slice(0, -1).join(tr('ui:describe.listSeparator')),
        last: names.at(-1) ?? '',
      });

/** The node's accessible name; `n` is its place in the graph (0: the network input). */
export function describeNode(
  spec: NetworkSpec,
  analysis: SpecAnalysis,
  graph: DiagramGraph,
  n: number,
): string {
  const id = graph.ids[n];
  const readers = graph.edges.filter((e) => e.source === n).map((e) => nodeName(spec, graph.ids[e.target]));
  const readBy = readers.length
    ? tr('ui:describe.readBy', { names: list(readers) })
    : tr('ui:describe.readByNone');
  if (id === INPUT_ID)
    return tr('ui:describe.input', {
      dataset: datasetName(spec.input),
      shape: formatShape(spec.input.shape),
      readBy,
    });
  const index = n - 1;
  const layer = spec.layers[index];
  const info = analysis.layers[index];
  const params = keyParams(layer, info?.wired);
  const sources = graph.edges.filter((e) => e.target === n).map((e) => nodeName(spec, graph.ids[e.source]));
  const place = { n: index + 1, total: spec.layers.length, kind: layer.kind, params };
  const parts = [
    tr(params ? 'ui:describe.layerParams' : 'ui:describe.layer', place),
    tr('ui:describe.output', {
      shape: info?.outputShape ? formatShape(info.outputShape) : tr('ui:describe.unknown'),
    }),
    tr('ui:describe.parameters', { n: formatCount(info?.params ?? 0) }),
    tr('ui:describe.flops', { flops: formatFlops(info?.flops ?? 0) }),
    sources.length ? tr('ui:describe.reads', { names: list(sources) }) : tr('ui:describe.readsNothing'),
    index === spec.layers.length - 1 ? tr('ui:describe.networkOutput') : readBy,
  ];
  const problems = (info?.issues ?? []).map((i) =>
    tr(i.severity === 'error' ? 'ui:describe.error' : 'ui:describe.warning', { message: i.message }),
  );
  return [parts.join(tr('ui:describe.partSeparator')), ...problems].join(tr('ui:describe.sentenceSeparator'));
}

/** The edge's accessible name: the tensor it carries, from where to where. */
export function describeEdge(spec: NetworkSpec, shape: string, source: string, target: string): string {
  return tr('ui:describe.edge', {
    shape: shape || tr('ui:describe.unknownShape'),
    source: nodeName(spec, source),
    target: nodeName(spec, target),
  });
}
