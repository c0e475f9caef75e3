// One layer in the network: kind, key parameters, output shape and parameter count, with its actions.
import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { LayerInfo } from '../../network/analyze';
import { formatShape, type Layer } from '../../network/spec';
import { useStore } from '../store/store';
import { LayerIssues } from './LayerIssues';
import { formatCount, keyParams } from './layer-summary';

interface Props {
  layer: Layer;
  index: number;
  info: LayerInfo | undefined;
  count: number;
  /** Show the insertion line above this card (a palette layer hovering here). */
  dropBefore: boolean;
}

const CopyIcon = () => (
  <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" fill="none" stroke="currentColor">
    <rect x="1.5" y="4.5" width="8" height="8" rx="1" />
    <path d="M4.5 2.5v-1h8v8h-1" />
  </svg>
);

export function LayerCard({ layer, index, info, count, dropBefore }: Props) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: layer.id,
    data: { source: 'network' },
  });
  const selected = useStore((s) => s.selectedLayerId === layer.id);
  const selectLayer = useStore((s) => s.selectLayer);
  const moveLayer = useStore((s) => s.moveLayer);
  const removeLayer = useStore((s) => s.removeLayer);
  const duplicateLayer = useStore((s) => s.duplicateLayer);
  const name = t('shapes:name.layer', { n: index + 1, kind: layer.kind });
  const hasError = info?.issues.some((i) => i.severity === 'error') ?? false;
  const params = keyParams(layer, info?.wired);

  // Keyboard paths besides drag: Alt+arrows move, Delete removes, Ctrl/Cmd+D duplicates.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.altKey && e.key === 'ArrowUp' && index > 0) moveLayer(index, index - 1);
    else if (e.altKey && e.key === 'ArrowDown' && index < count - 1) moveLayer(index, index + 1);
    else if (e.key === 'Delete') removeLayer(layer.id);
    else if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'd') duplicateLayer(layer.id);
    else return;
    e.preventDefault();
  };

  return (
    <li
      ref={setNodeRef}
      className={`layer-slot${dropBefore ? ' drop-before' : ''}`}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-testid="layer-card"
      data-kind={layer.kind}
      data-layer-id={layer.id}
    >
      <div
        className={`layer-card${selected ? ' selected' : ''}${hasError ? ' has-error' : ''}${isDragging ? ' dragging' : ''}`}
        aria-invalid={hasError}
        onKeyDown={onKeyDown}
      >
        <button
          type="button"
          className="drag-handle"
          aria-label={t('layerCard.reorder', { name })}
          {...attributes}
          {...listeners}
        >
          ⠿
        </button>
        <button
          type="button"
          className="layer-main"
          aria-pressed={selected}
          aria-label={t('layerCard.select', { name })}
          onClick={() => selectLayer(selected ? null : layer.id)}
        >
          <span className="layer-index">{index + 1}</span>
          <span className="layer-head">
            <span className="layer-kind">{layer.kind}</span>
            {params && <span className="layer-params">{params}</span>}
          </span>
          <span className="layer-shape" data-testid="layer-shape">
            {info?.outputShape ? formatShape(info.outputShape) : '—'}
          </span>
          <span className="layer-count">{t('layerCard.params', { n: formatCount(info?.params ?? 0) })}</span>
        </button>
        <button
          type="button"
          aria-label={t('layerCard.duplicate', { name })}
          title={t('layerCard.duplicateTitle')}
          onClick={() => duplicateLayer(layer.id)}
        >
          <CopyIcon />
        </button>
        <button
          type="button"
          aria-label={t('layerCard.delete', { name })}
          title={t('layerCard.deleteTitle')}
          onClick={() => removeLayer(layer.id)}
        >
          ✕
        </button>
      </div>
      <LayerIssues issues={info?.issues ?? []} />
    </li>
  );
}
