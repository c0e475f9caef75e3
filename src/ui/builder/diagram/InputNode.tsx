// The network's input on the diagram: the image every strip is computed from (the drawn digit, or the
// first test image), greyscale as the network reads it. A palette layer dropped on it becomes the first.
import { useDroppable } from '@dnd-kit/core';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/store';
import type { InputFlowNode } from './node-data';
import { PixelStrip } from './PixelStrip';
import type { Pixels } from './strip';
import { useLive } from './useLiveActivations';

/** 784 values in 0..1 as a 28×28 grey picture. */
function grey(image: Float32Array): Pixels {
  const rgba = new Uint8ClampedArray(image.length * 4);
  image.forEach((v, i) => {
    const g = Math.round(Math.max(0, Math.min(1, v)) * 255);
    rgba.set([g, g, g, 255], 4 * i);
  });
  return { width: 28, height: 28, rgba };
}

export const InputNode = memo(function InputNode({ id, data }: NodeProps<InputFlowNode>) {
  const { t } = useTranslation();
  const live = useLive();
  const drawn = useStore((s) => s.drawnImage !== null);
  const { setNodeRef, isOver } = useDroppable({ id: `node:${id}`, data: { type: 'node', id } });
  const pixels = useMemo(() => (live ? grey(live.input) : null), [live]);
  return (
    <div
      ref={setNodeRef}
      className={`dnode dnode-input${isOver ? ' drop-over' : ''}`}
      data-testid="diagram-input"
    >
      <div className="dnode-head">
        <span className="dnode-kind">{t('diagram.input')}</span>
        <span className="dnode-shape">{data.shape}</span>
      </div>
      <div className="dnode-input-body">
        {pixels ? (
          <PixelStrip pixels={pixels} className="dnode-digit" testId="node-input" />
        ) : (
          <div className="dnode-digit dnode-waiting" />
        )}
        <span className="muted">
          {data.dataset}
          <br />
          {drawn ? t('diagram.yourDrawing') : t('diagram.testImage1')}
        </span>
      </div>
      <Handle
        type="source"
        position={data.direction === 'LR' ? Position.Right : Position.Bottom}
        aria-label={t('diagram.outputOfInput')}
      />
    </div>
  );
});
