// "Inside the network": filters, feature maps, saliency and layer explanations for the current model,
// with a replay slider through training time and a choice of input (a test image or the drawn digit).
import { useEffect, useRef, useState, type RefObject } from 'react';
import { definitionOf, type Layer } from '../../layers';
import { useStore } from '../store/store';
import { ExplainView } from './ExplainView';
import { FeatureMaps } from './FeatureMaps';
import { FilterGrid } from './FilterGrid';
import './inspect.css';
import { ReplaySlider } from './ReplaySlider';
import { SaliencyView } from './SaliencyView';
import { useInputImage, useInspectData, type InputChoice, type InspectTab } from './useInspectData';

const TABS: { id: InspectTab; label: string }[] = [
  { id: 'filters', label: 'Filters' },
  { id: 'maps', label: 'Feature maps' },
  { id: 'saliency', label: 'Saliency' },
  { id: 'explain', label: 'Explain a layer' },
];

export function InspectPanel() {
  const [tab, setTab] = useState<InspectTab>('filters');
  const [choice, setChoice] = useState<InputChoice>({ kind: 'test', index: 0 });
  const [replay, setReplay] = useState<number | null>(null);
  const layers = useStore((s) => s.spec.layers);
  const [explainChoice, setExplainLayer] = useState<number | null>(null);
  // Until one is chosen, the first layer that slides a kernel (the classic picture), else the first.
  const explainLayer =
    explainChoice !== null && explainChoice < layers.length ? explainChoice : firstConv(layers);
  const galleryCount = useStore((s) => s.gallery.length);
  const hasDrawing = useStore((s) => s.drawnImage !== null);
  const classNames = useStore((s) => s.dataset.classNames);
  const image = useInputImage(choice);
  const root = useRef<HTMLDivElement>(null);
  const visible = useVisible(root);
  const data = useInspectData(tab, image, replay, visible, explainLayer);
  const scrubs = tab === 'filters' || tab === 'maps';
  const usesInput = tab !== 'filters';

  return (
    <div className="inspect" ref={root}>
      <h2>Inside the network</h2>
      <div role="tablist" aria-label="Inspect views" className="inspect-tabs">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`inspect-tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls="inspect-view"
            onClick={() => setTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="inspect-bar">
        {usesInput && (
          <fieldset className="input-choice">
            <legend>Input</legend>
            <label>
              <input
                type="radio"
                name="inspect-input"
                checked={choice.kind === 'test'}
                onChange={() => setChoice({ kind: 'test', index: 0 })}
              />
              Test image
            </label>
            {choice.kind === 'test' && galleryCount > 1 && (
              <input
                type="number"
                aria-label="Test image number"
                min={1}
                max={galleryCount}
                value={choice.index + 1}
                onChange={(e) =>
                  setChoice({
                    kind: 'test',
                    index: Math.max(0, Math.min(galleryCount - 1, e.target.valueAsNumber - 1 || 0)),
                  })
                }
              />
            )}
            <label>
              <input
                type="radio"
                name="inspect-input"
                checked={choice.kind === 'drawn'}
                disabled={!hasDrawing}
                onChange={() => setChoice({ kind: 'drawn' })}
              />
              Drawn digit
            </label>
          </fieldset>
        )}
        {scrubs && <ReplaySlider history={data.history} value={replay} onChange={setReplay} />}
      </div>
      {data.error && <p className="muted">{data.error}</p>}
      <div role="tabpanel" id="inspect-view" aria-labelledby={`inspect-tab-${tab}`} className="inspect-view">
        {tab === 'filters' && <FilterGrid weights={data.weights} />}
        {tab === 'maps' && <FeatureMaps activations={data.activations} />}
        {tab === 'saliency' && <SaliencyView result={data.saliency} classNames={classNames} />}
        {tab === 'explain' && (
          <ExplainView index={explainLayer} onIndex={setExplainLayer} data={data.layer} />
        )}
      </div>
    </div>
  );
}

function firstConv(layers: readonly Layer[]): number {
  return Math.max(
    0,
    layers.findIndex((l) => definitionOf(l.kind).animation === 'conv'),
  );
}

/** Whether the element is on screen: the panel asks the worker for nothing while scrolled away. */
function useVisible(ref: RefObject<HTMLElement | null>): boolean {
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') {
      setVisible(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => setVisible(entries.some((e) => e.isIntersecting)));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return visible;
}
