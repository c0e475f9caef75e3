// The network's input on the diagram: the image every strip is computed from (the drawn digit, or the
// first test image), grey or in colour as the network reads it. A palette layer dropped on it becomes the first.
import { useDroppable } from '@dnd-kit/core';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/store';
import type { InputFlowNode } from './node-data';
import { PixelStrip } from './PixelStrip';
import type { Pixels } from './strip';
import { useLive } from './useLiveActivations';
import { imageShapeOf, rgbaOf } from '../../draw/input-image';
import { GREY_28 } from '../../mydata/image-shape';

/** The input's values in 0..1 as a picture of its shape (grey, or colour planes). */
function picture(image: Float32Array, inputShape: readonly number[]): Pixels {
  const shape = imageShapeOf(inputShape);
  const fits = image.length === shape[0] * shape[1] * shape[2];
  const [, height, width] = fits ? shape : GREY_28;
  return { width, height, rgba: rgbaOf(image, fits ? shape : GREY_28, 1) };
}

export const InputNode = memo(function InputNode({ id, data }: NodeProps<InputFlowNode>) {
  const { t } = useTranslation();
  const live = useLive();
  const drawn = useStore((s) => s.drawnImage !== null);
  const { setNodeRef, isOver } = useDroppable({ id: `node:${id}`, data: { type: 'node', id } });
  const inputShape = useStore((s) => s.spec.input.shape);
  const pixels = useMemo(() => (live ? picture(live.input, inputShape) : null), [live, inputShape]);
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
