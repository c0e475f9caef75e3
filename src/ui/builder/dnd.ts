// Drag-and-drop rules of the builder as pure functions: where a drop lands and what it does.
import {
  closestCenter,
  pointerWithin,
  type Active,
  type ClientRect,
  type CollisionDetection,
  type Over,
} from '@dnd-kit/core';
import type { LayerKind } from '../../network/spec';

/** The droppable that is the network list itself (dropping on it, not on a card, appends). */
export const LIST_ID = 'network-list';

export type DragData = { source: 'palette'; kind: LayerKind } | { source: 'network' };

export const dragData = (a: Active | Over | null): DragData | undefined =>
  a?.data.current as DragData | undefined;

/** Index a palette layer is inserted at when dropped on the card at `overIndex`: before or after its middle. */
export function insertIndex(overIndex: number, dragged: ClientRect | null, over: ClientRect): number {
  if (!dragged) return overIndex;
  const draggedMiddle = dragged.top + dragged.height / 2;
  return draggedMiddle > over.top + over.height / 2 ? overIndex + 1 : overIndex;
}

export type DropAction =
  { type: 'insert'; kind: LayerKind; index: number } | { type: 'move'; from: number; to: number } | null;

export function dropAction(active: Active, over: Over | null, layerIds: readonly string[]): DropAction {
  const data = dragData(active);
  if (!over || !data) return null;
  if (data.source === 'palette') {
    if (over.id === LIST_ID) return { type: 'insert', kind: data.kind, index: layerIds.length };
    const overIndex = layerIds.indexOf(String(over.id));
    if (overIndex < 0) return null;
    return {
      type: 'insert',
      kind: data.kind,
      index: insertIndex(overIndex, active.rect.current.translated, over.rect),
    };
  }
  const from = layerIds.indexOf(String(active.id));
  const to = over.id === LIST_ID ? layerIds.length - 1 : layerIds.indexOf(String(over.id));
  return from < 0 || to < 0 || from === to ? null : { type: 'move', from, to };
}

/**
 * Palette drags land only where the pointer is (a card, else the list); reordering (also by keyboard,
 * which has no pointer) snaps to the closest card.
 */
export const builderCollisions: CollisionDetection = (args) => {
  if (dragData(args.active)?.source === 'palette') {
    const within = pointerWithin(args);
    const cards = within.filter((c) => c.id !== LIST_ID);
    return cards.length > 0 ? cards : within;
  }
  return closestCenter({
    ...args,
    droppableContainers: args.droppableContainers.filter((c) => c.id !== LIST_ID),
  });
};
