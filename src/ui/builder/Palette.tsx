// Every layer kind, grouped. Drag one into the network, or press it to add it after the selected layer (on
// the selected diagram edge, if an edge is selected; at the end when nothing is).
import { useDraggable } from '@dnd-kit/core';
import { useTranslation } from 'react-i18next';
import { LAYER_GROUPS } from '../../network';
import type { LayerKind } from '../../network/spec';
import { useStore } from '../store/store';
import { commitEdit } from './diagram/commit-edit';
import { insertOnEdge } from './diagram/edits';

function PaletteItem({ kind, description }: { kind: LayerKind; description: string }) {
  const { t } = useTranslation();
  const { listeners, setNodeRef } = useDraggable({
    id: `palette:${kind}`,
    data: { source: 'palette', kind },
  });
  const add = () => {
    const s = useStore.getState();
    const { spec, selectedEdge: edge } = s;
    if (edge && s.builderView === 'diagram')
      return commitEdit(insertOnEdge(spec, kind, edge.source, edge.target, edge.slot));
    const selected = spec.layers.findIndex((l) => l.id === s.selectedLayerId);
    s.insertLayer(kind, selected < 0 ? spec.layers.length : selected + 1);
  };
  // The keyboard path is the click (Enter/Space adds); only pointer listeners start a drag.
  const { onKeyDown: _keyboardDrag, ...pointerListeners } = listeners ?? {};
  return (
    <li>
      <button
        ref={setNodeRef}
        type="button"
        className="palette-item"
        aria-label={t('palette.add', { kind })}
        title={description}
        onClick={add}
        {...pointerListeners}
      >
        {kind}
      </button>
    </li>
  );
}

export function Palette() {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('palette.layerPalette')} className="palette">
      {LAYER_GROUPS.map((group) => (
        <div key={group.id} className="palette-group" role="group" aria-labelledby={`palette-${group.id}`}>
          <h3 id={`palette-${group.id}`}>{group.label}</h3>
          <ul>
            {group.kinds.map(({ kind, description }) => (
              <PaletteItem key={kind} kind={kind} description={description} />
            ))}
          </ul>
        </div>
      ))}
    </nav>
  );
}
