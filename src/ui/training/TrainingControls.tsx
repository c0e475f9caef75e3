// Train / Pause / Step / Reset with the trainer's visible state; Train is disabled with the reason.
import { useTranslation } from 'react-i18next';
import { showPanel } from '../shell/PanelTabs';
import { useStore } from '../store/store';
import { finishedReason, panelOf, unusableReason } from './train-gate';

export function TrainingControls() {
  const { t } = useTranslation();
  const state = useStore((s) => s.trainerState);
  const reason = useStore((s) => s.trainerReason);
  const hasClient = useStore((s) => s.client !== null);
  const { train, pause, step, reset, evaluate } = useStore.getState();
  // What stops the model being used at all, then what stops more training.
  const unusable = useStore(unusableReason);
  const panel = useStore((s) => panelOf(s.spec));
  const blocked = unusable ?? (state === 'done' ? finishedReason() : null);
  const training = state === 'training';
  return (
    <div className="controls">
      <div className="control-buttons">
        {training ? (
          <button type="button" className="primary" onClick={pause} title={t('trainingControls.spaceKey')}>
            {t('trainingControls.pause')}
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={train}
            disabled={blocked !== null || state === 'diverged'}
            aria-describedby={blocked ? 'train-blocked' : undefined}
            title={t('trainingControls.spaceKey')}
          >
            {t('trainingControls.train')}
          </button>
        )}
        <button type="button" onClick={step} disabled={training || blocked !== null}>
          {t('trainingControls.step')}
        </button>
        <button type="button" onClick={reset} disabled={!hasClient}>
          {t('trainingControls.reset')}
        </button>
        <button
          type="button"
          onClick={evaluate}
          disabled={blocked !== null}
          title={t('trainingControls.evaluateTitle')}
        >
          {t('trainingControls.evaluate')}
        </button>
        <span className="trainer-state" data-testid="trainer-state" aria-live="polite">
          {reason
            ? t('trainingControls.stateReason', { state: t(`trainingControls.${state}`), reason })
            : t(`trainingControls.${state}`)}
        </span>
      </div>
      {blocked && (
        <p id="train-blocked" className="blocked" role="status">
          {blocked}
          {panel && (
            <>
              {' '}
              <button type="button" onClick={() => showPanel(panel)}>
                {t('trainingControls.goTo', { panel: t(`panelTabs.tab.${panel}`) })}
              </button>
            </>
          )}
        </p>
      )}
    </div>
  );
}
