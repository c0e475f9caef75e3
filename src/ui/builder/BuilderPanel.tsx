// The builder: the toolbar, the palette, the design as a diagram (or as its outline of cards) and the
// selected layer's inspector beside it, under one drag-and-drop context: palette layers drop onto the
// diagram's nodes, edges and canvas, or onto the outline.
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
import { Diagram } from './diagram/Diagram';
import { commitEdit } from './diagram/commit-edit';
import { insertOnEdge } from './diagram/edits';
import { builderCollisions, dragData, dropAction } from './dnd';
import { Inspector } from './Inspector';
import { LayerIssues } from './LayerIssues';
import { NetworkList } from './NetworkList';
import { Palette } from './Palette';
import { useAnalysis } from './useAnalysis';

/** Problems of the whole network (not of one layer), under the diagram. */
function NetworkIssues() {
  const issues = useAnalysis().issues.filter((i) => i.layerIndex === null);
  return issues.length > 0 ? (
    <div className="network-issues">
      <LayerIssues issues={issues} />
    </div>
  ) : null;
}

export function BuilderPanel() {
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 4 } }),
    // A short press-and-hold on touch, so a swipe still scrolls the page.
    useSensor(TouchSensor, { activationConstraint: { delay: 150, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const view = useStore((s) => s.builderView);
  const selected = useStore((s) => s.selectedLayerId !== null);
  const [dragKind, setDragKind] = useState<string | null>(null);
  const [dropIndex, setDropIndex] = useState<number | null>(null);

  const ids = () => useStore.getState().spec.layers.map((l) => l.id);
  const onDragMove = ({ active, over }: DragMoveEvent) => {
    const action = dragData(active)?.source === 'palette' ? dropAction(active, over, ids()) : null;
    setDropIndex(action?.type === 'insert' ? action.index : null);
  };
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    const action = dropAction(active, over, ids());
    const s = useStore.getState();
    if (action?.type === 'insert') s.insertLayer(action.kind, action.index);
    if (action?.type === 'move') s.moveLayer(action.from, action.to);
    if (action?.type === 'insertOnEdge')
      commitEdit(insertOnEdge(s.spec, action.kind, action.source, action.target, action.slot));
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
      <div className={`builder${selected ? ' with-inspector' : ''}${view === 'outline' ? ' outline' : ''}`}>
        <Palette />
        <div className="builder-view">
          {view === 'diagram' ? (
            <>
              <Diagram />
              <NetworkIssues />
            </>
          ) : (
            <NetworkList dropIndex={dropIndex} />
          )}
        </div>
        {selected && <Inspector />}
      </div>
      <DragOverlay dropAnimation={null}>
        {dragKind && <div className="palette-item dragging-overlay">{dragKind}</div>}
      </DragOverlay>
    </DndContext>
  );
}
