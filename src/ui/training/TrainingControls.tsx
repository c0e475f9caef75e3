// Train / Pause / Step / Reset with the trainer's visible state; Train is disabled with the reason.
import { showPanel } from '../shell/PanelTabs';
import { useStore } from '../store/store';
import { FINISHED, panelOf, unusableReason } from './train-gate';

/** The tab that opens where a design of another task trains. */
const PANEL_IDS = { 'Generate images': 'generate', 'Segmentation and detection': 'dense' } as const;

const STATE_TEXT = {
  idle: 'Ready',
  training: 'Training',
  paused: 'Paused',
  diverged: 'Diverged',
  done: 'Done',
} as const;

export function TrainingControls() {
  const state = useStore((s) => s.trainerState);
  const reason = useStore((s) => s.trainerReason);
  const hasClient = useStore((s) => s.client !== null);
  const { train, pause, step, reset, evaluate } = useStore.getState();
  // What stops the model being used at all, then what stops more training.
  const unusable = useStore(unusableReason);
  const panel = useStore((s) => panelOf(s.spec));
  const blocked = unusable ?? (state === 'done' ? FINISHED : null);
  const training = state === 'training';
  return (
    <div className="controls">
      <div className="control-buttons">
        {training ? (
          <button type="button" className="primary" onClick={pause} title="Space">
            Pause
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={train}
            disabled={blocked !== null || state === 'diverged'}
            aria-describedby={blocked ? 'train-blocked' : undefined}
            title="Space"
          >
            Train
          </button>
        )}
        <button type="button" onClick={step} disabled={training || blocked !== null}>
          Step
        </button>
        <button type="button" onClick={reset} disabled={!hasClient}>
          Reset
        </button>
        <button
          type="button"
          onClick={evaluate}
          disabled={blocked !== null}
          title="Test on the whole test set now"
        >
          Evaluate
        </button>
        <span className="trainer-state" data-testid="trainer-state" aria-live="polite">
          {STATE_TEXT[state]}
          {reason ? `: ${reason}` : ''}
        </span>
      </div>
      {blocked && (
        <p id="train-blocked" className="blocked" role="status">
          {blocked}
          {panel && (
            <>
              {' '}
              <button type="button" onClick={() => showPanel(PANEL_IDS[panel])}>
                Go to {panel}
              </button>
            </>
          )}
        </p>
      )}
    </div>
  );
}
