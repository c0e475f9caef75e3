// What a screen reader hears for each node and edge of the diagram: what the layer is, its output, size and
// cost, what it reads and what reads it, and its problems. The same words the sighted user reads on the
// node and its hover card.
import type { SpecAnalysis } from '../../../network/analyze';
import { datasetName } from '../../../network/dataset-input';
import { formatShape, INPUT_ID, type NetworkSpec } from '../../../network/spec';
import { formatCount, formatFlops, keyParams } from '../layer-summary';
import { nodeName } from './edits';
import type { DiagramGraph } from './layout';

const list = (names: string[]) =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

/** The node's accessible name; `n` is its place in the graph (0: the network input). */
export function describeNode(
  spec: NetworkSpec,
  analysis: SpecAnalysis,
  graph: DiagramGraph,
  n: number,
): string {
  const id = graph.ids[n];
  const readers = graph.edges.filter((e) => e.source === n).map((e) => nodeName(spec, graph.ids[e.target]));
  const readBy = readers.length ? `read by ${list(readers)}` : 'read by no layer';
  if (id === INPUT_ID)
    return `Network input: ${datasetName(spec.input)} image ${formatShape(spec.input.shape)}, ${readBy}`;
  const index = n - 1;
  const layer = spec.layers[index];
  const info = analysis.layers[index];
  const params = keyParams(layer, info?.wired);
  const sources = graph.edges.filter((e) => e.target === n).map((e) => nodeName(spec, graph.ids[e.source]));
  const parts = [
    `Layer ${index + 1} of ${spec.layers.length}: ${layer.kind}${params ? ` (${params})` : ''}`,
    `output ${info?.outputShape ? formatShape(info.outputShape) : 'unknown'}`,
    `${formatCount(info?.params ?? 0)} parameters`,
    `${formatFlops(info?.flops ?? 0)} FLOPs`,
    sources.length ? `reads ${list(sources)}` : 'reads nothing',
    index === spec.layers.length - 1 ? "the network's output" : readBy,
  ];
  const problems = (info?.issues ?? []).map(
    (i) => `${i.severity === 'error' ? 'Error' : 'Warning'}: ${i.message}`,
  );
  return [parts.join(', '), ...problems].join('. ');
}

/** The edge's accessible name: the tensor it carries, from where to where. */
export function describeEdge(spec: NetworkSpec, shape: string, source: string, target: string): string {
  return `${shape || 'Unknown shape'} from ${nodeName(spec, source)} to ${nodeName(spec, target)}`;
}
