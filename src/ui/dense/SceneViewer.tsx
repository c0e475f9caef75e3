// Browses the scenes a run trains and is tested on, with their label maps and boxes: a page of eight at a
// time from either split, drawn in the worker from the loaded dataset.
import { useState } from 'react';
import type { NetworkSpec } from '../../network/spec';
import type { TrainerClient } from '../../training/client';
import type { DenseView } from './denseState';
import { SceneCanvas } from './SceneCanvas';

const PAGE = 8;
let nextId = 1;

interface Props {
  view: DenseView;
  client: TrainerClient | null;
  /** The builder's design: its scene side and settings say how the scenes are drawn. */
  spec: NetworkSpec;
  seed: number;
}

export function SceneViewer({ view, client, spec, seed }: Props) {
  const [split, setSplit] = useState<'train' | 'test'>('test');
  const [page, setPage] = useState(0);
  const [show, setShow] = useState<'mask' | 'boxes'>('mask');
  const ask = (nextSplit: 'train' | 'test', nextPage: number) => {
    setSplit(nextSplit);
    setPage(nextPage);
    if (!spec.scene || spec.input.shape.length !== 3) return;
    const side = spec.input.shape[1];
    const request = { split: nextSplit, start: nextPage * PAGE, count: PAGE, side, scene: spec.scene, seed };
    client?.dense({ kind: 'scenes', id: nextId++, ...request });
  };
  const b = view.browsed;
  const pixels = b ? b.side * b.side : 0;
  return (
    <section aria-label="Scene viewer" className="scene-viewer">
      <h3>Scenes</h3>
      <div className="control-buttons">
        <select aria-label="Split" value={split} onChange={(e) => ask(e.target.value as 'train' | 'test', 0)}>
          <option value="test">test scenes (test images)</option>
          <option value="train">training scenes</option>
        </select>
        <button type="button" onClick={() => ask(split, Math.max(0, page - 1))} disabled={page === 0 || !b}>
          Previous
        </button>
        <button type="button" onClick={() => ask(split, b ? page + 1 : 0)}>
          {b ? 'Next' : 'Show scenes'}
        </button>
        <label>
          <input
            type="checkbox"
            checked={show === 'boxes'}
            onChange={(e) => setShow(e.target.checked ? 'boxes' : 'mask')}
          />{' '}
          boxes instead of labels
        </label>
        {b && (
          <span className="muted">
            scenes {page * PAGE + 1}–{page * PAGE + PAGE}
          </span>
        )}
      </div>
      {b && (
        <div className="scene-grid" data-testid="scene-viewer">
          {b.boxes.map((boxes, i) => (
            <SceneCanvas
              key={i}
              side={b.side}
              image={b.images.subarray(i * pixels, (i + 1) * pixels)}
              labels={show === 'mask' ? b.masks.subarray(i * pixels, (i + 1) * pixels) : null}
              boxes={show === 'boxes' ? boxes : []}
              scale={2}
              label={`Scene ${page * PAGE + i + 1}`}
            />
          ))}
        </div>
      )}
    </section>
  );
}
