import { describe, expect, it } from 'vitest';
import { PRESETS, presetSpec } from '../../../network/presets';
import { defaultLayer, emptySpec, type NetworkSpec, type NodePosition } from '../../../network/spec';
import {
  autoLayout,
  channelPoints,
  diagramGraph,
  NODE_HEIGHT,
  NODE_WIDTH,
  placeNodes,
  RANK_GAP,
  ranks,
  roundedPath,
  type AutoLayout,
  type Direction,
  type DiagramGraph,
} from './layout';

// The diagram's room at zoom 1 on a 1280×720 page, a 820×1180 tablet and a 390×844 phone (top to bottom).
const DESKTOP = { width: 740, height: 520 };
const TABLET = { width: 760, height: 470 };
const PHONE = { width: 360, height: 420 };

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
const box = (p: NodePosition): Box => ({ x0: p.x, y0: p.y, x1: p.x + NODE_WIDTH, y1: p.y + NODE_HEIGHT });
const ports = (p: NodePosition, direction: Direction) =>
  direction === 'LR'
    ? { out: { x: p.x + NODE_WIDTH, y: p.y + NODE_HEIGHT / 2 }, in: { x: p.x, y: p.y + NODE_HEIGHT / 2 } }
    : { out: { x: p.x + NODE_WIDTH / 2, y: p.y + NODE_HEIGHT }, in: { x: p.x + NODE_WIDTH / 2, y: p.y } };

/** Does the segment a-b pass through the inside of box b (sampled finely: segments are short)? */
function crosses(a: NodePosition, b: NodePosition, r: Box): boolean {
  for (let k = 1; k < 200; k++) {
    const x = a.x + ((b.x - a.x) * k) / 200;
    const y = a.y + ((b.y - a.y) * k) / 200;
    if (x > r.x0 + 1 && x < r.x1 - 1 && y > r.y0 + 1 && y < r.y1 - 1) return true;
  }
  return false;
}

/** Every edge's drawn segments, as the diagram draws them from this layout. */
function segments(graph: DiagramGraph, layout: AutoLayout) {
  return graph.edges.map((edge, i) => {
    const s = ports(layout.positions[edge.source], layout.direction).out;
    const t = ports(layout.positions[edge.target], layout.direction).in;
    const route = layout.routes[i];
    const points = route.kind === 'direct' ? [s, t] : channelPoints(route, s, t, layout.direction).points;
    return { edge, points };
  });
}

/** What makes a layout readable: no node on another, no edge through a node. */
function expectReadable(graph: DiagramGraph, layout: AutoLayout): void {
  const boxes = layout.positions.map(box);
  for (let a = 0; a < boxes.length; a++)
    for (let b = a + 1; b < boxes.length; b++) {
      const apart =
        boxes[a].x1 <= boxes[b].x0 ||
        boxes[b].x1 <= boxes[a].x0 ||
        boxes[a].y1 <= boxes[b].y0 ||
        boxes[b].y1 <= boxes[a].y0;
      expect(apart, `${graph.ids[a]} overlaps ${graph.ids[b]}`).toBe(true);
    }
  for (const { edge, points } of segments(graph, layout))
    for (let k = 0; k + 1 < points.length; k++)
      boxes.forEach((r, n) => {
        if (n === edge.source || n === edge.target) return;
        const through = crosses(points[k], points[k + 1], r);
        expect(through, `${graph.ids[edge.source]}→${graph.ids[edge.target]} crosses ${graph.ids[n]}`).toBe(
          false,
        );
      });
}

/** Two branches from one ReLU, concatenated: a graph whose ranks hold two nodes. */
function branches(): NetworkSpec {
  return {
    ...emptySpec(),
    layers: [
      defaultLayer('Conv2d', 'stem'),
      defaultLayer('ReLU', 'act'),
      { ...defaultLayer('Conv2d', 'left'), inputs: ['act'] },
      { ...defaultLayer('Conv2d', 'right'), inputs: ['act'] },
      { ...defaultLayer('Concat', 'join'), inputs: ['left', 'right'] },
      defaultLayer('Flatten', 'flat'),
    ],
  };
}

describe('the auto-layout', () => {
  it('keeps every preset readable at the sizes the page gives it, with no hand placement', () => {
    for (const preset of PRESETS) {
      const graph = diagramGraph(preset.spec);
      for (const [view, direction] of [
        [DESKTOP, 'LR'],
        [TABLET, 'LR'],
        [PHONE, 'TB'],
      ] as const) {
        const layout = autoLayout(graph, view, direction);
        expectReadable(graph, layout);
        // Text at 13 px stays at 8 px or more on a page; a phone, which zooms in by pinching, gets less, and
        // so does a network of over 30 nodes (the U-Net's 32 need six rows, 864 units tall, in 470 px).
        const least = view === PHONE ? 0.4 : graph.ids.length > 30 ? 0.5 : 0.6;
        expect(layout.zoom, `${preset.id} at ${view.width}×${view.height}`).toBeGreaterThan(least);
      }
    }
  });

  it('wraps LeNet-5 into rows read left to right, near full size on a 1280×720 page', () => {
    const graph = diagramGraph(presetSpec('lenet-5'));
    const layout = autoLayout(graph, DESKTOP, 'LR');
    expect(layout.rows).toBeGreaterThan(1);
    expect(layout.zoom).toBeGreaterThan(0.85);
    const { positions, perRow } = layout;
    for (let n = 1; n < positions.length; n++) {
      if (n % perRow === 0) expect(positions[n].y).toBeGreaterThan(positions[n - 1].y);
      else {
        expect(positions[n].x).toBeGreaterThan(positions[n - 1].x);
        expect(positions[n].y).toBe(positions[n - 1].y);
      }
    }
    // Straight edges within a row; each row's first node is reached through a channel.
    graph.edges.forEach((e, i) =>
      expect(layout.routes[i].kind).toBe(e.target % perRow === 0 ? 'channel' : 'direct'),
    );
  });

  it('puts a residual Add after its longest branch, with the skip routed around the nodes', () => {
    const spec = presetSpec('resnet-mini');
    const graph = diagramGraph(spec);
    const rank = ranks(graph);
    const add = graph.ids.indexOf('block1_add');
    expect(rank[add]).toBe(rank[graph.ids.indexOf('block1_bn2')] + 1);
    const skip = graph.edges.findIndex((e) => e.target === add && graph.ids[e.source] === 'pool1');
    const layout = autoLayout(graph, DESKTOP, 'LR');
    expect(layout.routes[skip].kind).toBe('channel');
    expectReadable(graph, layout);
  });

  it('stacks parallel branches in one rank and merges them after', () => {
    const graph = diagramGraph(branches());
    const rank = ranks(graph);
    const at = (id: string) => graph.ids.indexOf(id);
    expect(rank[at('left')]).toBe(rank[at('right')]);
    expect(rank[at('join')]).toBe(rank[at('left')] + 1);
    for (const direction of ['LR', 'TB'] as const) {
      const layout = autoLayout(graph, { width: 2000, height: 2000 }, direction);
      const [l, r] = [layout.positions[at('left')], layout.positions[at('right')]];
      if (direction === 'LR') {
        expect(l.x).toBe(r.x);
        expect(r.y).toBeGreaterThan(l.y);
      } else {
        expect(l.y).toBe(r.y);
        expect(r.x).toBeGreaterThan(l.x);
      }
      // All in one row at full size: the view is large enough.
      expect(layout.rows).toBe(1);
      expect(layout.zoom).toBe(1);
      expectReadable(graph, layout);
    }
  });

  it('draws edges only for inputs that name a layer', () => {
    const spec = { ...emptySpec(), layers: [{ ...defaultLayer('ReLU', 'a'), inputs: ['missing'] }] };
    expect(diagramGraph(spec).edges).toEqual([]);
  });
});

describe('placing nodes by hand', () => {
  it('keeps pinned nodes and puts a new one after its input, clear of the others', () => {
    const graph = diagramGraph(presetSpec('tiny-cnn'));
    const pinned = Object.fromEntries(
      graph.ids.filter((id) => id !== 'relu1').map((id, k) => [id, { x: 0, y: k * 140 }]),
    );
    // relu1 reads conv1 (at 0, 140); the place one rank to its right is free.
    const placed = placeNodes(graph, pinned, 'LR');
    graph.ids.forEach((id, n) => pinned[id] && expect(placed[n]).toEqual(pinned[id]));
    expect(placed[graph.ids.indexOf('relu1')]).toEqual({ x: NODE_WIDTH + RANK_GAP.LR, y: 140 });
    // Taken: it moves down until free.
    const crowded = { ...pinned, conv2: { x: NODE_WIDTH + RANK_GAP.LR, y: 140 } };
    const moved = placeNodes(graph, crowded, 'LR')[graph.ids.indexOf('relu1')];
    expect(moved.x).toBe(NODE_WIDTH + RANK_GAP.LR);
    expect(moved.y).toBeGreaterThanOrEqual(140 + NODE_HEIGHT);
  });
});

describe('edge paths', () => {
  it('round the corners of a channel route', () => {
    const route = { kind: 'channel', out: 200, in: 20, channel: -30 } as const;
    const { points, label } = channelPoints(route, { x: 180, y: 50 }, { x: 0, y: 50 }, 'LR');
    expect(points).toEqual([
      { x: 180, y: 50 },
      { x: 200, y: 50 },
      { x: 200, y: -30 },
      { x: 20, y: -30 },
      { x: 20, y: 50 },
      { x: 0, y: 50 },
    ]);
    expect(label).toEqual({ x: 110, y: -30 });
    const d = roundedPath(points, 8);
    expect(d.startsWith('M 180 50 L 192 50 Q 200 50 200 42')).toBe(true);
    expect(d.endsWith('L 0 50')).toBe(true);
    expect(
      roundedPath([
        { x: 0, y: 0 },
        { x: 10, y: 0 },
      ]),
    ).toBe('M 0 0 L 10 0');
  });
});
