// The builder: palette, network list, inspector and summary under one drag-and-drop context.
import {
  DndContext,
  DragOverlay,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragMoveEvent,
} from '@dnd-kit/core';
import { sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { useState } from 'react';
import { useStore } from '../store/store';
import { BuilderToolbar } from './BuilderToolbar';
import { builderCollisions, dragData, dropAction } from './dnd';
import { Inspector } from './Inspector';
import { NetworkList } from './NetworkList';
import { Palette } from './Palette';
import { SummaryTable } from './SummaryTable';

export function BuilderPanel() {
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 4 } }),
    // A short press-and-hold on touch, so a swipe still scrolls the page.
    useSensor(TouchSensor, { activationConstraint: { delay: 150, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const [dragKind, setDragKind] = useState<string | null>(null);
  const [dropIndex, setDropIndex] = useState<number | null>(null);

  const ids = () => useStore.getState().spec.layers.map((l) => l.id);
  const onDragMove = ({ active, over }: DragMoveEvent) => {
    const action = dragData(active)?.source === 'palette' ? dropAction(active, over, ids()) : null;
    setDropIndex(action?.type === 'insert' ? action.index : null);
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const action = dropAction(active, over, ids());
    if (action?.type === 'insert') useStore.getState().insertLayer(action.kind, action.index);
    if (action?.type === 'move') useStore.getState().moveLayer(action.from, action.to);
    setDragKind(null);
    setDropIndex(null);
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={builderCollisions}
      onDragStart={({ active }) => {
        const data = dragData(active);
        setDragKind(data?.source === 'palette' ? data.kind : null);
      }}
      onDragMove={onDragMove}
      onDragEnd={onDragEnd}
      onDragCancel={() => {
        setDragKind(null);
        setDropIndex(null);
      }}
    >
      <BuilderToolbar />
      <div className="builder">
        <Palette />
        <NetworkList dropIndex={dropIndex} />
        <Inspector />
      </div>
      <SummaryTable />
      <DragOverlay dropAnimation={null}>
        {dragKind && <div className="palette-item dragging-overlay">{dragKind}</div>}
      </DragOverlay>
    </DndContext>
  );
}
