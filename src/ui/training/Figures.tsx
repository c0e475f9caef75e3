// The current figures as large text: test accuracy and train loss, each labelled for assistive tech.
import { useStore } from '../store/store';

export function Figures() {
  const testAccuracy = useStore((s) => s.evaluation?.testAccuracy ?? null);
  const trainLoss = useStore((s) => s.latest?.trainLoss ?? null);
  return (
    <div className="figures">
      <div className="figure">
        <span className="figure-label" id="fig-acc">
          Test accuracy
        </span>
        <output aria-labelledby="fig-acc" data-testid="test-accuracy">
          {testAccuracy === null ? '—' : `${(testAccuracy * 100).toFixed(1)}%`}
        </output>
      </div>
      <div className="figure">
        <span className="figure-label" id="fig-loss">
          Train loss
        </span>
        <output aria-labelledby="fig-loss" data-testid="train-loss">
          {trainLoss === null ? '—' : trainLoss.toFixed(3)}
        </output>
      </div>
    </div>
  );
}
