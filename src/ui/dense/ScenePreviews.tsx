// Test scenes next to the network's answers: the true label map (or boxes) above, the prediction below,
// refreshed after every evaluation.
import { useTranslation } from 'react-i18next';
import type { DenseView } from './dense-state';
import { ColourKey } from './ColourKey';
import { SceneCanvas } from './SceneCanvas';

/** `minScore`: boxes scoring less are not drawn (the figures count every box down to 0.05). */
export function ScenePreviews({ view, minScore }: { view: DenseView; minScore: number }) {
  const { t } = useTranslation();
  const p = view.previews;
  if (!p) return null;
  const pixels = p.side * p.side;
  const detection = view.task === 'detection';
  return (
    <figure className="scene-previews" aria-label={t('scenePreviews.testScenesAndPredictions')}>
      <figcaption>
        {t('scenePreviews.testScenesAtStep', {
          step: p.step,
          value: detection ? t('scenePreviews.boxes') : t('scenePreviews.labels'),
        })}
      </figcaption>
      <ColourKey />
      <div className="scene-grid" data-testid="dense-previews">
        {p.boxes.map((truth, i) => {
          const image = p.images.subarray(i * pixels, (i + 1) * pixels);
          return (
            <div key={i} className="scene-pair">
              <SceneCanvas
                side={p.side}
                image={image}
                labels={detection ? null : p.masks.subarray(i * pixels, (i + 1) * pixels)}
                boxes={detection ? truth : []}
                label={t('scenePreviews.testSceneTheTruth', { i: i + 1 })}
                testId="dense-truth"
              />
              <SceneCanvas
                side={p.side}
                image={image}
                labels={detection ? null : (p.maps?.subarray(i * pixels, (i + 1) * pixels) ?? null)}
                boxes={detection ? (p.detections?.[i] ?? []).filter((d) => d.score >= minScore) : []}
                label={t('scenePreviews.testScenePredicted', { i: i + 1 })}
                testId="dense-predicted"
              />
            </div>
          );
        })}
      </div>
    </figure>
  );
}
