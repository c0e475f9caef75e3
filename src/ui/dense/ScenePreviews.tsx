// Test scenes next to the network's answers: the true label map (or boxes) above, the prediction below,
// refreshed after every evaluation.
import type { DenseView } from './denseState';
import { ColourKey } from './ColourKey';
import { SceneCanvas } from './SceneCanvas';

/** `minScore`: boxes scoring less are not drawn (the figures count every box down to 0.05). */
export function ScenePreviews({ view, minScore }: { view: DenseView; minScore: number }) {
  const p = view.previews;
  if (!p) return null;
  const pixels = p.side * p.side;
  const detection = view.task === 'detection';
  return (
    <figure className="scene-previews" aria-label="Test scenes and predictions">
      <figcaption>
        Test scenes at step {p.step}: the truth above, the network’s {detection ? 'boxes' : 'labels'} below
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
                label={`Test scene ${i + 1}, the truth`}
                testId="dense-truth"
              />
              <SceneCanvas
                side={p.side}
                image={image}
                labels={detection ? null : (p.maps?.subarray(i * pixels, (i + 1) * pixels) ?? null)}
                boxes={detection ? (p.detections?.[i] ?? []).filter((d) => d.score >= minScore) : []}
                label={`Test scene ${i + 1}, predicted`}
                testId="dense-predicted"
              />
            </div>
          );
        })}
      </div>
    </figure>
  );
}
