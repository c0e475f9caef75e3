// The network as an ordered, sortable list of layer cards; also the drop target for palette layers.
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useTranslation } from 'react-i18next';
import { datasetName } from '../../network/dataset-input';
import { formatShape } from '../../network/spec';
import { useStore } from '../store/store';
import { LIST_ID } from './dnd';
import { LayerCard } from './LayerCard';
import { LayerIssues } from './LayerIssues';
import { useAnalysis } from './useAnalysis';

export function NetworkList({ dropIndex }: { dropIndex: number | null }) {
  const { t } = useTranslation();
  const spec = useStore((s) => s.spec);
  const analysis = useAnalysis();
  const { setNodeRef, isOver } = useDroppable({ id: LIST_ID });
  const ids = spec.layers.map((l) => l.id);
  const networkIssues = analysis.issues.filter((i) => i.layerIndex === null);
  return (
    <div className="network">
      <p className="network-input">
        {t('networkList.input', { dataset: datasetName(spec.input), shape: formatShape(spec.input.shape) })}
      </p>
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        <ol
          ref={setNodeRef}
          aria-label={t('networkList.networkLayers')}
          className={`network-list${isOver ? ' over' : ''}${dropIndex === ids.length ? ' drop-end' : ''}`}
        >
          {spec.layers.map((layer, index) => (
            <LayerCard
              key={layer.id}
              layer={layer}
              index={index}
              info={analysis.layers[index]}
              count={ids.length}
              dropBefore={dropIndex === index}
            />
          ))}
          {spec.layers.length === 0 && <li className="network-empty">{t('networkList.empty')}</li>}
        </ol>
      </SortableContext>
      <LayerIssues issues={networkIssues} />
    </div>
  );
}
