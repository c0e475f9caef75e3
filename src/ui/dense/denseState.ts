// The dense panel's state, folded from the worker's `dense` events (a pure reducer, tested without React
// or a worker).
import type { DenseTask } from '../../network/dense';
import type { Detection } from '../../training/dense/metrics';
import type { DenseEvent, DenseState, SceneSet } from '../../training/dense/types';

export interface FigurePoint {
  step: number;
  loss?: number;
  pixelAccuracy?: number;
  meanIoU?: number;
  meanAP?: number;
}

export interface Previews extends SceneSet {
  step: number;
  maps?: Uint8Array;
  detections?: Detection[][];
}

export interface DenseView {
  task: DenseTask | null;
  side: number;
  stride: number;
  parameterCount: number;
  state: DenseState;
  reason: string | null;
  /** Training loss per report, and test figures per evaluation (their own points). */
  losses: FigurePoint[];
  figures: FigurePoint[];
  /** The last evaluation's per-class figures. */
  classIoU: number[] | null;
  classAP: number[] | null;
  scenesPerSecond: number | null;
  previews: Previews | null;
  /** Scenes the viewer asked for. */
  browsed: (SceneSet & { id: number }) | null;
  /** The answer for the user's drawing. */
  drawn: { id: number; maps?: Uint8Array; detections?: Detection[][] } | null;
  activations: { id: number; shapes: number[][]; values: Float32Array[] } | null;
  error: string | null;
}

export const initialDenseView: DenseView = {
  task: null,
  side: 0,
  stride: 1,
  parameterCount: 0,
  state: 'idle',
  reason: null,
  losses: [],
  figures: [],
  classIoU: null,
  classAP: null,
  scenesPerSecond: null,
  previews: null,
  browsed: null,
  drawn: null,
  activations: null,
  error: null,
};

/** Points kept for the charts. */
const MAX_POINTS = 500;

export function reduceDense(view: DenseView, e: DenseEvent): DenseView {
  switch (e.kind) {
    case 'ready': {
      // A run rebuilt at a step (a lost device, a backend change) keeps its curves up to that step.
      const same = e.step > 0 && view.task === e.task && view.side === e.side;
      if (same)
        return {
          ...view,
          losses: view.losses.filter((p) => p.step <= e.step),
          figures: view.figures.filter((p) => p.step <= e.step),
        };
      return {
        ...initialDenseView,
        task: e.task,
        side: e.side,
        stride: e.stride,
        parameterCount: e.parameterCount,
        browsed: view.browsed,
      };
    }
    case 'state':
      return {
        ...view,
        state: e.state,
        reason: e.reason ?? null,
        error: e.state === 'training' ? null : view.error,
      };
    case 'metrics':
      return {
        ...view,
        losses: [...view.losses, { step: e.step, loss: e.loss }].slice(-MAX_POINTS),
        scenesPerSecond: e.scenesPerSecond,
      };
    case 'evaluation': {
      const point: FigurePoint = { step: e.step };
      if (e.meanIoU !== undefined)
        Object.assign(point, { pixelAccuracy: e.pixelAccuracy, meanIoU: e.meanIoU });
      if (e.meanAP !== undefined) point.meanAP = e.meanAP;
      // A second evaluation at the same step (a pause right after one) replaces the first.
      const figures = [...view.figures.filter((p) => p.step !== e.step), point].slice(-MAX_POINTS);
      return { ...view, figures, classIoU: e.classIoU ?? null, classAP: e.classAP ?? null };
    }
    case 'previews': {
      const { kind: _kind, ...previews } = e;
      return { ...view, previews };
    }
    case 'scenes': {
      const { kind: _kind, ...browsed } = e;
      return { ...view, browsed };
    }
    case 'predicted':
      return { ...view, drawn: { id: e.id, maps: e.maps, detections: e.detections } };
    case 'activations':
      return { ...view, activations: { id: e.id, shapes: e.shapes, values: e.values } };
    case 'failed':
      return { ...view, error: e.message };
    case 'weights':
    case 'weightsSet':
      // Answers to the Export and Import menus (ui/export), not part of this view.
      return view;
  }
}

/** A figure as a percentage or a plain number for the summary line; '–' before the first evaluation. */
export function formatFigure(value: number | undefined, percent = false): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return percent ? `${(value * 100).toFixed(1)}%` : value.toFixed(3);
}
