// Drag-and-drop rules of the builder as pure functions: where a drop lands and what it does. A palette
// layer lands on an outline card (before or after it), on a diagram edge (inserted on it), on a diagram node
// (inserted after it), or on the outline list or the diagram's canvas (added at the end); a card's handle
// reorders the outline.
import {
  closestCenter,
  pointerWithin,
  type Active,
  type ClientRect,
  type CollisionDetection,
  type Over,
} from '@dnd-kit/core';
import { INPUT_ID, type LayerKind } from '../../network/spec';

/** The droppable that is the network list itself (dropping on it, not on a card, appends). */
export const LIST_ID = 'network-list';
/** The droppable that is the diagram's canvas (dropping on it, not on a node or an edge, appends). */
export const DIAGRAM_ID = 'diagram-canvas';

export type DragData = { source: 'palette'; kind: LayerKind } | { source: 'network' };

/** What a diagram droppable is: a node (its id), an edge (target reads source as input `slot`), the canvas. */
export type DropTarget =
  | { type: 'node'; id: string }
  | { type: 'edge'; source: string; target: string; slot: number }
  | { type: 'canvas' };

export const dragData = (a: Active | Over | null): DragData | undefined =>
  a?.data.current as DragData | undefined;

const targetOf = (over: Over): DropTarget | undefined => over.data.current as DropTarget | undefined;

/** Index a palette layer is inserted at when dropped on the card at `overIndex`: before or after its middle. */
export function insertIndex(overIndex: number, dragged: ClientRect | null, over: ClientRect): number {
  if (!dragged) return overIndex;
  const draggedMiddle = dragged.top + dragged.height / 2;
  return draggedMiddle > over.top + over.height / 2 ? overIndex + 1 : overIndex;
}

export type DropAction =
  | { type: 'insert'; kind: LayerKind; index: number }
  | { type: 'insertOnEdge'; kind: LayerKind; source: string; target: string; slot: number }
  | { type: 'move'; from: number; to: number }
  | null;

export function dropAction(active: Active, over: Over | null, layerIds: readonly string[]): DropAction {
  const data = dragData(active);
  if (!over || !data) return null;
  if (data.source === 'palette') {
    const { kind } = data;
    if (over.id === LIST_ID || over.id === DIAGRAM_ID)
      return { type: 'insert', kind, index: layerIds.length };
    const target = targetOf(over);
    if (target?.type === 'edge') {
      const { source, target: reader, slot } = target;
      return { type: 'insertOnEdge', kind, source, target: reader, slot };
    }
    if (target?.type === 'node')
      return { type: 'insert', kind, index: target.id === INPUT_ID ? 0 : layerIds.indexOf(target.id) + 1 };
    const overIndex = layerIds.indexOf(String(over.id));
    if (overIndex < 0) return null;
    return { type: 'insert', kind, index: insertIndex(overIndex, active.rect.current.translated, over.rect) };
  }
  const from = layerIds.indexOf(String(active.id));
  const to = over.id === LIST_ID ? layerIds.length - 1 : layerIds.indexOf(String(over.id));
  return from < 0 || to < 0 || from === to ? null : { type: 'move', from, to };
}

/** What a palette drop prefers where droppables overlap: an edge's label over a node, a node over the canvas. */
const rank = (id: string | number) => {
  const s = String(id);
  if (s.startsWith('edge:')) return 0;
  if (s.startsWith('node:')) return 1;
  return s === LIST_ID || s === DIAGRAM_ID ? 3 : 2;
};

/**
 * Palette drags land only where the pointer is (an edge, a node or a card, else the list or canvas);
 * reordering (also by keyboard, which has no pointer) snaps to the closest card.
 */
export const builderCollisions: CollisionDetection = (args) => {
  if (dragData(args.active)?.source === 'palette')
    return [...pointerWithin(args)].sort((a, b) => rank(a.id) - rank(b.id));
  return closestCenter({
    ...args,
    droppableContainers: args.droppableContainers.filter(
      (c) => c.id !== LIST_ID && c.id !== DIAGRAM_ID && rank(c.id) === 2,
    ),
  });
};
