// The diagram's nodes and edges as xyflow data, derived from the design and its analysis: one node per
// layer (and one for the input), one edge per input a layer reads, labelled with the tensor's shape.
import { MarkerType, Position, type Edge, type Node } from '@xyflow/react';
import { tr } from '../../../i18n';
import { definitionOf } from '../../../layers';
import type { SpecAnalysis } from '../../../network/analyze';
import type { SpecIssue } from '../../../network/issues';
import { datasetName } from '../../../network/dataset-input';
import { formatShape, INPUT_ID, type NetworkSpec, type NodePosition } from '../../../network/spec';
import { formatCount, formatFlops, keyParams } from '../layer-summary';
import { describeEdge, describeNode } from './describe';
import { nodeName } from './edits';
import {
  NODE_HEIGHT,
  NODE_WIDTH,
  type AutoLayout,
  type DiagramGraph,
  type Direction,
  type Route,
} from './layout';

export interface LayerNodeData extends Record<string, unknown> {
  index: number;
  kind: string;
  summary: string;
  shape: string;
  /** What the node shows live: feature maps, bars, class probabilities, or nothing (a view). */
  visual: 'maps' | 'bars' | 'classes' | 'none';
  /** Its first error (else warning), shown on the node with its fix. */
  issue: SpecIssue | null;
  error: boolean;
  direction: Direction;
  /** The hover card's lines. */
  details: string[];
}

export interface InputNodeData extends Record<string, unknown> {
  dataset: string;
  shape: string;
  direction: Direction;
}

export interface ShapeEdgeData extends Record<string, unknown> {
  shape: string;
  slot: number;
  route: Route | null;
  direction: Direction;
  /** The layer it feeds has an error: the edge is drawn as part of the problem. */
  error: boolean;
}

export type LayerFlowNode = Node<LayerNodeData, 'layer'>;
export type InputFlowNode = Node<InputNodeData, 'input'>;
export type DiagramNode = LayerFlowNode | InputFlowNode;
export type ShapeFlowEdge = Edge<ShapeEdgeData, 'shape'>;

const ports = (direction: Direction) =>
  direction === 'LR'
    ? { sourcePosition: Position.Right, targetPosition: Position.Left }
    : { sourcePosition: Position.Bottom, targetPosition: Position.Top };

function visualOf(spec: NetworkSpec, index: number, shape: number[] | null): LayerNodeData['visual'] {
  const definition = definitionOf(spec.layers[index].kind);
  if (definition.traits?.view || !shape) return 'none';
  if (shape.length === 3) return 'maps';
  const last = index === spec.layers.length - 1;
  return last && spec.task === 'classification' && shape[0] === 10 ? 'classes' : 'bars';
}

export function diagramNodes(
  spec: NetworkSpec,
  analysis: SpecAnalysis,
  graph: DiagramGraph,
  positions: readonly NodePosition[],
  direction: Direction,
  selected: string | null,
): DiagramNode[] {
  const common = (n: number) => ({
    id: graph.ids[n],
    position: positions[n],
    width: NODE_WIDTH,
    height: NODE_HEIGHT,
    ariaLabel: describeNode(spec, analysis, graph, n),
    ...ports(direction),
  });
  const input: InputFlowNode = {
    ...common(0),
    type: 'input',
    deletable: false,
    data: { dataset: datasetName(spec.input), shape: formatShape(spec.input.shape), direction },
  };
  const layers = spec.layers.map((layer, index): LayerFlowNode => {
    const info = analysis.layers[index];
    const issues = info?.issues ?? [];
    const sources = graph.edges
      .filter((e) => e.target === index + 1)
      .map((e) => nodeName(spec, graph.ids[e.source]));
    const error = issues.some((i) => i.severity === 'error');
    return {
      ...common(index + 1),
      type: 'layer',
      selected: layer.id === selected,
      domAttributes: { 'aria-invalid': error },
      data: {
        index,
        kind: layer.kind,
        summary: keyParams(layer, info?.wired),
        shape: info?.outputShape ? formatShape(info.outputShape) : '—',
        visual: visualOf(spec, index, info?.outputShape ?? null),
        issue: issues.find((i) => i.severity === 'error') ?? issues[0] ?? null,
        error,
        direction,
        details: [
          tr('ui:diagram.output', {
            shape: info?.outputShape ? formatShape(info.outputShape) : tr('ui:diagram.unknown'),
          }),
          tr('ui:diagram.paramsAndFlops', {
            n: formatCount(info?.params ?? 0),
            flops: formatFlops(info?.flops ?? 0),
          }),
          tr('ui:diagram.reads', {
            names: sources.length ? sources.join(tr('ui:describe.listSeparator')) : tr('ui:diagram.nothing'),
          }),
          ...issues.map((i) => i.message),
        ],
      },
    };
  });
  return [input, ...layers];
}

export function diagramEdges(
  spec: NetworkSpec,
  analysis: SpecAnalysis,
  graph: DiagramGraph,
  auto: AutoLayout | null,
  direction: Direction,
  selected: { source: string; target: string; slot: number } | null,
): ShapeFlowEdge[] {
  return graph.edges.map((edge, i) => {
    const [source, target] = [graph.ids[edge.source], graph.ids[edge.target]];
    const shape =
      source === INPUT_ID ? spec.input.shape : (analysis.layers[edge.source - 1]?.outputShape ?? null);
    const label = shape ? formatShape(shape) : '';
    const error = analysis.layers[edge.target - 1]?.issues.some((x) => x.severity === 'error') ?? false;
    return {
      id: `${source}->${target}:${edge.slot}`,
      type: 'shape',
      source,
      target,
      selected:
        selected !== null &&
        selected.source === source &&
        selected.target === target &&
        selected.slot === edge.slot,
      ariaLabel: describeEdge(spec, label, source, target),
      markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
      data: { shape: label, slot: edge.slot, route: auto?.routes[i] ?? null, direction, error },
    };
  });
}
