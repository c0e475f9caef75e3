// Everything beside the core loop, one tab each: the model summary, the hyperparameters, the views inside
// the network, the test results, the user's own data, image generation, and segmentation and detection. One opens at a time below the diagram, which shrinks
// to make room; the training controls, figures, charts and draw pad stay where they are. Closed panels stay
// mounted (hidden), so each keeps its state.
import type { KeyboardEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { PagePanel } from '../../lessons/schema';
import { SummaryTable } from '../builder/SummaryTable';
import { DensePanel } from '../dense/DensePanel';
import { GeneratePanel } from '../generate/GeneratePanel';
import { InspectPanel } from '../inspect/InspectPanel';
import { MyDataPanel } from '../mydata/MyDataPanel';
import { ConfusionMatrix } from '../predictions/ConfusionMatrix';
import { Gallery } from '../predictions/Gallery';
import { useStore } from '../store/store';
import type { PanelId } from '../store/ui-slice';
import { HyperparamsForm } from '../training/HyperparamsForm';

// Each tab's English name is one a lesson step may name as its panel; the page shows the catalogue's.
const PANELS: { id: PanelId; tab: PagePanel; content: () => ReactNode }[] = [
  { id: 'summary', tab: 'Summary', content: () => <SummaryTable /> },
  {
    id: 'hyper',
    tab: 'Hyperparameters',
    content: () => <HyperparamsForm />,
  },
  { id: 'inside', tab: 'Inside the network', content: () => <InspectPanel /> },
  {
    id: 'predictions',
    tab: 'Test results',
    content: () => (
      <div className="test-results">
        <ConfusionMatrix />
        <Gallery />
      </div>
    ),
  },
  { id: 'mydata', tab: 'Your own data', content: () => <MyDataPanel /> },
  { id: 'generate', tab: 'Generate images', content: () => <GeneratePanel /> },
  {
    id: 'dense',
    tab: 'Segmentation and detection',
    content: () => <DensePanel />,
  },
];

/** Opens `panel` and focuses its main action, else its first control (the blocked Train's link to where a
 *  design of another task trains uses it). */
export function showPanel(panel: PanelId): void {
  useStore.getState().openPanel(panel);
  requestAnimationFrame(() => {
    const body = document.getElementById(`panel-${panel}`);
    const target =
      body?.querySelector<HTMLElement>('button.primary:not([disabled])') ??
      body?.querySelector<HTMLElement>('button:not([disabled]), input, select');
    target?.focus();
  });
}

/** Opens the panel whose tab reads `tab` (a lesson step names the panel it works in so). */
export function showPanelNamed(tab: PagePanel): void {
  const panel = PANELS.find((p) => p.tab === tab);
  if (panel) showPanel(panel.id);
}

/** `children`: other controls at the end of the tab bar's row (the classroom's buttons). */
export function PanelTabs({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const open = useStore((s) => s.panel);
  const openPanel = useStore((s) => s.openPanel);
  // The tabs pattern: arrows move between tabs, Home and End to the ends.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const tabs = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    const at = tabs.indexOf(document.activeElement as HTMLButtonElement);
    const to =
      e.key === 'ArrowRight'
        ? (at + 1) % tabs.length
        : e.key === 'ArrowLeft'
          ? (at - 1 + tabs.length) % tabs.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? tabs.length - 1
              : null;
    if (to === null || at < 0) return;
    e.preventDefault();
    tabs[to].focus();
  };
  return (
    <div className={`panels${open ? ' open' : ''}`}>
      <div className="panel-bar">
        <div className="panel-tabs" role="tablist" aria-label={t('panelTabs.panels')} onKeyDown={onKeyDown}>
          {PANELS.map((p) => (
            <button
              key={p.id}
              type="button"
              role="tab"
              id={`tab-${p.id}`}
              aria-selected={open === p.id}
              aria-controls={`panel-${p.id}`}
              tabIndex={open === null ? 0 : open === p.id ? 0 : -1}
              onClick={() => openPanel(open === p.id ? null : p.id)}
            >
              {t(`panelTabs.tab.${p.id}`)}
            </button>
          ))}
          {open && (
            <button
              type="button"
              className="panel-close"
              aria-label={t('panelTabs.close')}
              onClick={() => openPanel(null)}
            >
              ✕
            </button>
          )}
        </div>
        {children}
      </div>
      {PANELS.map((p) => (
        <div
          key={p.id}
          role="tabpanel"
          id={`panel-${p.id}`}
          aria-labelledby={`tab-${p.id}`}
          className="panel-body"
          hidden={open !== p.id}
        >
          <section aria-label={t(`panelTabs.region.${p.id}`)} className={`panel-section ${p.id}-region`}>
            {p.content()}
          </section>
        </div>
      ))}
    </div>
  );
}
