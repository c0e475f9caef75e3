// Where the diagram puts its nodes when the user has not: a small layered layout of the design's graph.
// Each node's rank is one more than its deepest input's (the input is rank 0), ranks are columns read in
// the flow's direction, nodes of one rank stack across it in the order of their inputs, and a long network
// wraps into rows like text, with as many ranks a row as make it largest in the view. Edges between
// neighbouring ranks of a row go straight; every other edge runs through the gap above its target's row
// (over a row for a skip, back to the row's start for a wrap), so no edge crosses a node.
import { FROM_INPUT, resolveInputs } from '../../../layers/core/graph';
import { INPUT_ID, type NetworkSpec, type NodePosition } from '../../../network/spec';

export type Direction = 'LR' | 'TB';

/** A node's size in diagram units (pixels at zoom 1). */
export const NODE_WIDTH = 156;
export const NODE_HEIGHT = 96;
/** Between ranks (room for an edge's shape label: wider across a row than down a column), between nodes of
 *  one rank, between wrapped rows. */
export const RANK_GAP = { LR: 64, TB: 40 } as const;
export const STACK_GAP = 24;
export const ROW_GAP = 48;
/** Auto-layout enlarges no further than this by default, so a small network is not blown up. */
export const MAX_AUTO_ZOOM = 1;

/** The design as nodes (the network input first, then the layers) and edges (one per input a layer reads). */
export interface DiagramGraph {
  ids: string[];
  edges: { source: number; target: number; slot: number }[];
}

export function diagramGraph(spec: NetworkSpec): DiagramGraph {
  const ids = [INPUT_ID, ...spec.layers.map((l) => l.id)];
  const edges: DiagramGraph['edges'] = [];
  resolveInputs(spec.layers).forEach((sources, i) =>
    sources.forEach((s, slot) => {
      // An input naming no layer has no edge: the layer shows the error.
      if (s !== null) edges.push({ source: s === FROM_INPUT ? 0 : s + 1, target: i + 1, slot });
    }),
  );
  return { ids, edges };
}

/** Size of a node along the ranks (main) and across them (cross). */
const extent = (direction: Direction) =>
  direction === 'LR'
    ? { main: NODE_WIDTH, cross: NODE_HEIGHT, gap: RANK_GAP.LR }
    : { main: NODE_HEIGHT, cross: NODE_WIDTH, gap: RANK_GAP.TB };

/** How an edge is drawn in the auto-layout: straight to the next rank, or through a channel (see top). */
export type Route =
  | { kind: 'direct' }
  | {
      kind: 'channel';
      /** Main-axis coordinates where it leaves the source's side and enters the target's. */
      out: number;
      in: number;
      /** Cross-axis coordinate of the channel it runs along. */
      channel: number;
    };

export interface AutoLayout {
  direction: Direction;
  /** Top-left corner of each node of the graph, in graph order. */
  positions: NodePosition[];
  /** One route per edge of the graph, in its order. */
  routes: Route[];
  /** Ranks in a full row, and the rows. */
  perRow: number;
  rows: number;
  /** The zoom at which the whole layout fills the view it was made for (capped at maxZoom). */
  zoom: number;
}

/** Each node's rank: one more than its deepest earlier input's; a layer with no usable input follows the
 *  layer before it. */
export function ranks(graph: DiagramGraph): number[] {
  const rank = graph.ids.map(() => 0);
  for (let i = 1; i < graph.ids.length; i++) {
    const from = graph.edges.filter((e) => e.target === i && e.source < i).map((e) => rank[e.source]);
    rank[i] = from.length > 0 ? 1 + Math.max(...from) : rank[i - 1] + 1;
  }
  return rank;
}

/** Nodes of each rank, ordered by where their inputs sit in the rank before (list order on ties). */
function columns(graph: DiagramGraph, rank: readonly number[]): number[][] {
  const cols: number[][] = [];
  rank.forEach((r, i) => (cols[r] ??= []).push(i));
  const slot = new Map<number, number>();
  for (const col of cols) {
    if (!col) continue;
    const centre = (i: number) => {
      const from = graph.edges.filter((e) => e.target === i && slot.has(e.source));
      return from.length ? from.reduce((a, e) => a + slot.get(e.source)!, 0) / from.length : Infinity;
    };
    col.sort((a, b) => centre(a) - centre(b) || a - b);
    col.forEach((n, k) => slot.set(n, k));
  }
  return cols.filter((c) => c !== undefined);
}

/**
 * The layout filling a `view` (diagram units at zoom 1) best: the ranks a row that give the largest zoom,
 * the fewest rows among equals.
 */
export function autoLayout(
  graph: DiagramGraph,
  view: { width: number; height: number },
  direction: Direction,
  maxZoom: number = MAX_AUTO_ZOOM,
): AutoLayout {
  const size = extent(direction);
  const cols = columns(graph, ranks(graph));
  const depth = cols.map((c) => c.length * size.cross + (c.length - 1) * STACK_GAP);
  const viewMain = direction === 'LR' ? view.width : view.height;
  const viewCross = direction === 'LR' ? view.height : view.width;
  const measure = (perRow: number) => {
    const rowDepths: number[] = [];
    for (let r = 0; r * perRow < cols.length; r++)
      rowDepths.push(Math.max(...depth.slice(r * perRow, (r + 1) * perRow)));
    const main = Math.min(perRow, cols.length) * (size.main + size.gap) - size.gap;
    // Room above the first row for the channels of its skips.
    const cross = rowDepths.reduce((a, d) => a + d + ROW_GAP, 0);
    const zoom = Math.min(viewMain / main, viewCross / cross, maxZoom);
    return { rowDepths, zoom };
  };
  let perRow = 1;
  let best = measure(1);
  for (let k = 2; k <= cols.length; k++) {
    const m = measure(k);
    if (m.zoom >= best.zoom - 1e-9) [perRow, best] = [k, m];
  }

  const mainOf: number[] = [];
  const crossOf: number[] = [];
  const rowOf: number[] = [];
  const rowTops: number[] = [];
  let top = ROW_GAP;
  best.rowDepths.forEach((rowDepth, r) => {
    rowTops.push(top);
    cols.slice(r * perRow, (r + 1) * perRow).forEach((col, c) => {
      const offset = (rowDepth - depth[r * perRow + c]) / 2;
      col.forEach((n, k) => {
        mainOf[n] = c * (size.main + size.gap);
        crossOf[n] = top + offset + k * (size.cross + STACK_GAP);
        rowOf[n] = r;
      });
    });
    top += rowDepth + ROW_GAP;
  });
  const rank = ranks(graph);
  const position = (n: number): NodePosition =>
    direction === 'LR' ? { x: mainOf[n], y: crossOf[n] } : { x: crossOf[n], y: mainOf[n] };

  // Channels into one row are spread a little apart, so their edges do not run on top of each other.
  const lanes = new Map<number, number>();
  const routes = graph.edges.map(({ source, target }): Route => {
    const sameRow = rowOf[source] === rowOf[target];
    if (sameRow && rank[target] === rank[source] + 1) return { kind: 'direct' };
    const lane = lanes.get(rowOf[target]) ?? 0;
    lanes.set(rowOf[target], lane + 1);
    const offset = Math.min(lane, 3) * 8;
    return {
      kind: 'channel',
      out: mainOf[source] + size.main + size.gap / 2 - offset,
      in: mainOf[target] - size.gap / 2 + offset,
      channel: rowTops[rowOf[target]] - ROW_GAP / 2 - offset,
    };
  });
  return {
    direction,
    positions: graph.ids.map((_, n) => position(n)),
    routes,
    perRow,
    rows: best.rowDepths.length,
    zoom: best.zoom,
  };
}

/** Do two nodes at these corners overlap (with a little room kept between them)? */
const overlaps = (a: NodePosition, b: NodePosition) =>
  Math.abs(a.x - b.x) < NODE_WIDTH + STACK_GAP / 2 && Math.abs(a.y - b.y) < NODE_HEIGHT + STACK_GAP / 2;

/**
 * Positions for a design the user has placed by hand: pinned nodes where they are; each other node one
 * rank after its first placed input (or below everything when it has none), moved across until it
 * overlaps no node.
 */
export function placeNodes(
  graph: DiagramGraph,
  pinned: Readonly<Record<string, NodePosition>>,
  direction: Direction,
): NodePosition[] {
  const size = extent(direction);
  const placed: (NodePosition | undefined)[] = graph.ids.map((id) => pinned[id]);
  const fixed = () => placed.filter((p): p is NodePosition => p !== undefined);
  for (let n = 0; n < graph.ids.length; n++) {
    if (placed[n]) continue;
    const from = graph.edges.find((e) => e.target === n && placed[e.source])?.source;
    let p: NodePosition;
    if (from !== undefined) {
      const s = placed[from]!;
      p =
        direction === 'LR'
          ? { x: s.x + size.main + size.gap, y: s.y }
          : { x: s.x, y: s.y + size.main + size.gap };
    } else {
      const all = fixed();
      const below = all.length ? Math.max(...all.map((q) => (direction === 'LR' ? q.y : q.x))) : 0;
      const step = size.cross + STACK_GAP;
      p =
        direction === 'LR'
          ? { x: 0, y: all.length ? below + step : 0 }
          : { x: all.length ? below + step : 0, y: 0 };
    }
    while (fixed().some((q) => overlaps(p, q)))
      p =
        direction === 'LR'
          ? { x: p.x, y: p.y + size.cross + STACK_GAP }
          : { x: p.x + size.cross + STACK_GAP, y: p.y };
    placed[n] = p;
  }
  return placed as NodePosition[];
}

/** An SVG path through `points` (axis-parallel segments) with corners rounded by up to `radius`. */
export function roundedPath(points: readonly NodePosition[], radius = 8): string {
  if (points.length === 0) return '';
  let d = `M ${points[0].x} ${points[0].y}`;
  for (let i = 1; i < points.length - 1; i++) {
    const [a, b, c] = [points[i - 1], points[i], points[i + 1]];
    const r = Math.min(radius, Math.hypot(b.x - a.x, b.y - a.y) / 2, Math.hypot(c.x - b.x, c.y - b.y) / 2);
    const towards = (p: NodePosition, q: NodePosition) => {
      const length = Math.hypot(q.x - p.x, q.y - p.y) || 1;
      return { x: p.x + ((q.x - p.x) * r) / length, y: p.y + ((q.y - p.y) * r) / length };
    };
    const before = towards(b, a);
    const after = towards(b, c);
    d += ` L ${before.x} ${before.y} Q ${b.x} ${b.y} ${after.x} ${after.y}`;
  }
  const last = points[points.length - 1];
  return `${d} L ${last.x} ${last.y}`;
}

/** The corner points of a channel route from port `s` to port `t`, and where its label sits. */
export function channelPoints(
  route: Extract<Route, { kind: 'channel' }>,
  s: NodePosition,
  t: NodePosition,
  direction: Direction,
): { points: NodePosition[]; label: NodePosition } {
  const at = (main: number, cross: number) =>
    direction === 'LR' ? { x: main, y: cross } : { x: cross, y: main };
  const [sc, tc] = direction === 'LR' ? [s.y, t.y] : [s.x, t.x];
  const points = [
    s,
    at(route.out, sc),
    at(route.out, route.channel),
    at(route.in, route.channel),
    at(route.in, tc),
    t,
  ];
  return { points, label: at((route.out + route.in) / 2, route.channel) };
}
