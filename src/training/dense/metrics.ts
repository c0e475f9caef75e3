// The dense tasks' test figures: pixel accuracy and IoU per class from a confusion matrix (segmentation),
// and average precision at IoU 0.5 per class from decoded boxes (detection, as PASCAL VOC's all-point AP).
import type { SceneBox } from '../../data/scenes';
import { DECODED_FLOATS } from '../../engine/reference/centernet';

export interface SegmentationFigures {
  pixelAccuracy: number;
  /** IoU of each class (background first); NaN for a class neither labelled nor predicted. */
  classIoU: number[];
  /** Mean IoU over the classes that occur (labelled or predicted). */
  meanIoU: number;
}

/** Figures from confusion counts [K × K], row = label, column = prediction. */
export function segmentationFigures(confusion: ArrayLike<number>, classes: number): SegmentationFigures {
  let correct = 0;
  let total = 0;
  const classIoU: number[] = [];
  for (let k = 0; k < classes; k++) {
    let row = 0;
    let column = 0;
    for (let j = 0; j < classes; j++) {
      row += confusion[k * classes + j];
      column += confusion[j * classes + k];
    }
    const hit = confusion[k * classes + k];
    correct += hit;
    total += row;
    const union = row + column - hit;
    classIoU.push(union > 0 ? hit / union : NaN);
  }
  const present = classIoU.filter((v) => !Number.isNaN(v));
  return {
    pixelAccuracy: total > 0 ? correct / total : NaN,
    classIoU,
    meanIoU: present.length > 0 ? present.reduce((a, b) => a + b, 0) / present.length : NaN,
  };
}

/** A detected box in input pixels. */
export interface Detection {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  label: number;
  score: number;
}

/** Detections scoring at least this are kept (low, so precision–recall curves reach far). */
export const MIN_SCORE = 0.05;
/** At most this many per image, best first. */
export const MAX_DETECTIONS = 20;

/** One image's detections from its decoded cells [cells, 6]: the peaks scoring at least minScore, best first. */
export function detectionsOf(
  decoded: Float32Array,
  image: number,
  cells: number,
  minScore = MIN_SCORE,
  max = MAX_DETECTIONS,
): Detection[] {
  const out: Detection[] = [];
  for (let c = 0; c < cells; c++) {
    const o = (image * cells + c) * DECODED_FLOATS;
    const score = decoded[o];
    if (!(score >= minScore)) continue;
    const [, label, x0, y0, x1, y1] = decoded.subarray(o, o + DECODED_FLOATS);
    out.push({ x0, y0, x1, y1, label, score });
  }
  // Best first; equal scores keep cell order, so the list is the same every time.
  return out.sort((a, b) => b.score - a.score).slice(0, max);
}

export function boxIoU(a: Omit<SceneBox, 'label'>, b: Omit<SceneBox, 'label'>): number {
  const iw = Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0));
  const ih = Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
  const inter = iw * ih;
  const union = (a.x1 - a.x0) * (a.y1 - a.y0) + (b.x1 - b.x0) * (b.y1 - b.y0) - inter;
  return union > 0 ? inter / union : 0;
}

export interface DetectionFigures {
  /** Average precision of each class at IoU 0.5; NaN for a class with no boxes in the test scenes. */
  classAP: number[];
  /** Mean over the classes with boxes. */
  meanAP: number;
}

/**
 * mAP at IoU ≥ 0.5: per class, every detection in score order is a true positive when it overlaps a
 * not-yet-matched box of its class in its image by IoU ≥ 0.5 (the best-overlapping box), else false;
 * AP is the area under the precision–recall curve with precision made non-increasing (all points).
 */
export function detectionFigures(
  detections: readonly Detection[][],
  truth: readonly SceneBox[][],
  classes: number,
  threshold = 0.5,
): DetectionFigures {
  const classAP: number[] = [];
  for (let k = 0; k < classes; k++) {
    const boxes = truth.map((t) => t.filter((b) => b.label === k));
    const positives = boxes.reduce((a, b) => a + b.length, 0);
    if (positives === 0) {
      classAP.push(NaN);
      continue;
    }
    const found = detections
      .flatMap((d, image) => d.filter((x) => x.label === k).map((x) => ({ ...x, image })))
      .sort((a, b) => b.score - a.score || a.image - b.image);
    const used = boxes.map((b) => b.map(() => false));
    const precision: number[] = [];
    const recall: number[] = [];
    let tp = 0;
    found.forEach((d, i) => {
      let best = -1;
      let bestIoU = 0;
      boxes[d.image].forEach((b, j) => {
        const iou = boxIoU(d, b);
        if (iou > bestIoU) {
          bestIoU = iou;
          best = j;
        }
      });
      if (best >= 0 && bestIoU >= threshold && !used[d.image][best]) {
        used[d.image][best] = true;
        tp++;
      }
      precision.push(tp / (i + 1));
      recall.push(tp / positives);
    });
    // All-point interpolation: precision at each recall is the best precision at that recall or beyond.
    for (let i = found.length - 2; i >= 0; i--) precision[i] = Math.max(precision[i], precision[i + 1]);
    let ap = 0;
    let previousRecall = 0;
    for (let i = 0; i < found.length; i++) {
      ap += (recall[i] - previousRecall) * precision[i];
      previousRecall = recall[i];
    }
    classAP.push(ap);
  }
  const present = classAP.filter((v) => !Number.isNaN(v));
  return {
    classAP,
    meanAP: present.length > 0 ? present.reduce((a, b) => a + b, 0) / present.length : NaN,
  };
}
