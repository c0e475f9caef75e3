// One layer on the diagram: its kind, key parameters and output shape, its live picture (feature maps,
// bars or class probabilities for the current input), its problem with the one-click fix, handles to
// connect it, and a card with its size and cost while hovered or focused. A palette layer dropped on it
// is inserted after it.
import { useDroppable } from '@dnd-kit/core';
import { Handle, NodeToolbar, Position, type NodeProps } from '@xyflow/react';
import { createContext, memo, useContext, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useStore } from '../../store/store';
import type { LayerNodeData, LayerFlowNode } from './node-data';
import { PixelStrip } from './PixelStrip';
import { barStrip, mapStrip, softmax } from './strip';
import { useLive } from './useLiveActivations';

/** The node whose card is shown (hovered or focused), if any. */
export const HighlightContext = createContext<string | null>(null);

/** Bars a vector is drawn with (runs of values are averaged beyond it). */
const BARS = 128;

function Probabilities({ logits }: { logits: Float32Array }) {
  const names = useStore((s) => s.dataset.classNames);
  const p = softmax(logits);
  const top = p.indexOf(Math.max(...p));
  return (
    <div className="dnode-classes" aria-hidden="true" data-testid="node-probabilities">
      {p.map((v, c) => (
        <span
          key={c}
          className={c === top ? 'top' : undefined}
          title={`${names[c] ?? c}: ${(v * 100).toFixed(1)}%`}
        >
          <span className="dnode-class-bar" style={{ height: `${Math.max(2, v * 100)}%` }} />
          <span className="dnode-class-name">{c}</span>
        </span>
      ))}
    </div>
  );
}

function LiveVisual({ data }: { data: LayerNodeData }) {
  const { t } = useTranslation();
  const live = useLive();
  const snapshot = live?.layers[data.index];
  const tensor = snapshot && snapshot.kind === data.kind ? snapshot.tensors[0] : null;
  const pixels = useMemo(() => {
    if (!tensor) return null;
    if (data.visual === 'maps' && tensor.shape.length === 3) return mapStrip(tensor.data, tensor.shape);
    if (data.visual === 'bars') return barStrip(tensor.data, BARS, 24);
    return null;
  }, [tensor, data.visual]);
  if (data.visual === 'none') return <div className="dnode-visual dnode-view">{t('diagram.reshapes')}</div>;
  if (data.visual === 'classes' && tensor) return <Probabilities logits={tensor.data} />;
  if (!pixels) return <div className="dnode-visual dnode-waiting" aria-hidden="true" />;
  return (
    <PixelStrip
      pixels={pixels}
      className={`dnode-visual dnode-${data.visual}`}
      testId={data.visual === 'maps' ? 'node-maps' : 'node-bars'}
    />
  );
}

function IssueLine({ data }: { data: LayerNodeData }) {
  const { t } = useTranslation();
  const applyFix = useStore((s) => s.applyFix);
  const issue = data.issue!;
  return (
    <div className={`dnode-issue ${issue.severity}`}>
      <span className="dnode-issue-text">{issue.message}</span>
      {issue.fix && (
        <button
          type="button"
          className="fix nodrag"
          onClick={(e) => {
            // The fix alone: a click that also selected the node would open the inspector over the diagram.
            e.stopPropagation();
            if (issue.fix) applyFix(issue.fix);
          }}
        >
          {t('layerIssues.fix', { label: issue.fix.label })}
        </button>
      )}
    </div>
  );
}

export const LayerNode = memo(function LayerNode({ id, data, selected }: NodeProps<LayerFlowNode>) {
  const { t } = useTranslation();
  const highlighted = useContext(HighlightContext) === id;
  const removeLayer = useStore((s) => s.removeLayer);
  const { setNodeRef, isOver } = useDroppable({ id: `node:${id}`, data: { type: 'node', id } });
  const lr = data.direction === 'LR';
  const name = t('shapes:name.layer', { n: data.index + 1, kind: data.kind });
  return (
    <div
      ref={setNodeRef}
      className={`dnode${data.error ? ' has-error' : ''}${isOver ? ' drop-over' : ''}`}
      data-testid="diagram-node"
      data-kind={data.kind}
      data-layer-id={id}
    >
      <Handle
        type="target"
        position={lr ? Position.Left : Position.Top}
        aria-label={t('diagram.inputOf', { name })}
      />
      <div className="dnode-head">
        <span className="dnode-index">{data.index + 1}</span>
        <span className="dnode-kind">{data.kind}</span>
        <span className="dnode-shape" data-testid="layer-shape">
          {data.shape}
        </span>
      </div>
      <div className="dnode-params">{data.summary || ' '}</div>
      {data.issue?.severity === 'error' ? <IssueLine data={data} /> : <LiveVisual data={data} />}
      <Handle
        type="source"
        position={lr ? Position.Right : Position.Bottom}
        aria-label={t('diagram.outputOf', { name })}
      />
      {selected && (
        <button
          type="button"
          className="dnode-delete nodrag"
          aria-label={t('layerCard.delete', { name })}
          title={t('layerCard.deleteTitle')}
          onClick={() => removeLayer(id)}
        >
          ✕
        </button>
      )}
      <NodeToolbar isVisible={highlighted} position={lr ? Position.Top : Position.Right}>
        <div className="dnode-card" aria-hidden="true" data-testid="node-card">
          <strong>
            {data.kind} {data.summary}
          </strong>
          {data.details.map((line, i) => (
            <span key={i}>{line}</span>
          ))}
        </div>
      </NodeToolbar>
    </div>
  );
});
