// An edge of the diagram, labelled with the shape of the tensor it carries. In the auto-layout it follows
// its route (straight to the next rank, or through the channel above its target's row); placed by hand it
// is a curve. Its label is where a palette layer is dropped to insert it on the edge.
import { useDroppable } from '@dnd-kit/core';
import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { channelPoints, roundedPath } from './layout';
import type { ShapeFlowEdge } from './node-data';

export const ShapeEdge = memo(function ShapeEdge(props: EdgeProps<ShapeFlowEdge>) {
  const { id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition } = props;
  const data = props.data!;
  const { setNodeRef, isOver } = useDroppable({
    id: `edge:${id}`,
    data: { type: 'edge', source, target, slot: data.slot },
  });
  let path: string;
  let label: { x: number; y: number };
  if (data.route?.kind === 'channel') {
    const route = channelPoints(
      data.route,
      { x: sourceX, y: sourceY },
      { x: targetX, y: targetY },
      data.direction,
    );
    path = roundedPath(route.points);
    label = route.label;
  } else {
    const [d, x, y] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
    path = d;
    label = { x, y };
  }
  const classes = ['dedge', data.error ? 'has-error' : '', props.selected ? 'selected' : ''].join(' ');
  return (
    <>
      <BaseEdge id={id} path={path} className={classes} markerEnd={props.markerEnd} interactionWidth={14} />
      <EdgeLabelRenderer>
        {/* The drop target is inside the positioned box: dnd-kit measures a droppable without its own
            transform. */}
        <div
          className={`dedge-label-at ${data.route?.kind === 'channel' ? 'channel' : 'direct'}`}
          style={{ transform: `translate(-50%, -50%) translate(${label.x}px, ${label.y}px)` }}
        >
          <div
            ref={setNodeRef}
            className={`dedge-label${data.error ? ' has-error' : ''}${isOver ? ' drop-over' : ''}${props.selected ? ' selected' : ''}`}
            data-testid="edge-label"
            data-source={source}
            data-target={target}
            aria-hidden="true"
          >
            {data.shape}
          </div>
        </div>
      </EdgeLabelRenderer>
    </>
  );
});
