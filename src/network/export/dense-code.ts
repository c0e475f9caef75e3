// model.py's demo and train.py for the dense tasks: segmentation and detection on the playground's scenes,
// drawn by the Python port of its scene generator (python-scenes.ts) from the same MNIST files.
import { tr } from '../../i18n';
import { DEFAULT_BACKGROUND_WEIGHT, type Hyperparams } from '../hyper';
import type { DenseTask } from '../dense';
import type { NetworkSpec } from '../spec';
import { DATA_SOURCES } from './python-data';
import { SAVE_SAFETENSORS } from './python-training';
import { pyFloat, pyInt } from './python-syntax';
import { planExport, type ModelPyOptions } from './pytorch-code';
import { describeHyper, optimizerCall } from './python-optimizer';

const TRAIN_STEPS = 1000;

function lossAndTest(task: DenseTask, hyper: Hyperparams): { loss: string; test: string } {
  if (task === 'segmentation') {
    const weight = pyFloat(hyper.backgroundWeight ?? DEFAULT_BACKGROUND_WEIGHT, 'backgroundWeight');
    return {
      loss: `BACKGROUND_WEIGHT = ${weight}


def loss_fn(output, masks, boxes):
    """Per-pixel cross-entropy, background pixels weighing BACKGROUND_WEIGHT and digits 1, the mean over pixels
    (so most of the scene, background, does not drown the digits)."""
    weight = torch.ones(output.shape[1], device=output.device)
    weight[0] = BACKGROUND_WEIGHT
    return nn.functional.cross_entropy(output, masks, weight=weight, reduction='none').mean()`,
      test: `def test_figures(outputs, masks, boxes):
    """Pixel accuracy, and the IoU of each class (background first) averaged over the classes that occur."""
    classes = outputs.shape[1]
    predicted = outputs.argmax(1)
    confusion = torch.bincount((masks * classes + predicted).flatten(), minlength=classes * classes)
    confusion = confusion.reshape(classes, classes).double()
    hits = confusion.diag()
    union = confusion.sum(0) + confusion.sum(1) - hits
    iou = hits[union > 0] / union[union > 0]
    return f'pixel accuracy {hits.sum() / confusion.sum():.1%}, mean IoU {iou.mean():.3f}'`,
    };
  }
  return {
    loss: `def targets(boxes, grid):
    """CenterNet's targets: per box, its class's heatmap is 1 at the centre cell and exp(-d^2 / 2 sigma^2)
    around it (sigma = max(w, h) / 6 + 1/4, sizes in cells; the largest over the class's boxes), and the
    centre cell holds the box's width and height and the centre's offset within the cell."""
    target = torch.zeros(len(boxes), 14, grid, grid)
    mask = torch.zeros(len(boxes), grid, grid)
    ys, xs = torch.meshgrid(torch.arange(grid), torch.arange(grid), indexing='ij')
    for n, scene_boxes in enumerate(boxes):
        for x0, y0, x1, y1, digit in scene_boxes:
            cx, cy = (x0 + x1) / 2 / STRIDE, (y0 + y1) / 2 / STRIDE
            ix, iy = min(int(cx), grid - 1), min(int(cy), grid - 1)
            w, h = (x1 - x0) / STRIDE, (y1 - y0) / STRIDE
            sigma = max(w, h) / 6 + 0.25
            heat = torch.exp(-((xs - ix) ** 2 + (ys - iy) ** 2) / (2 * sigma * sigma))
            target[n, digit] = torch.maximum(target[n, digit], heat)
            target[n, 10:, iy, ix] = torch.tensor([w, h, cx - ix, cy - iy])
            mask[n, iy, ix] = 1
    return target, mask


def loss_fn(output, masks, boxes):
    """CenterNet's loss over the objects N: the focal loss of the heatmaps (-(1-p)^2 log p at centres,
    -(1-y)^4 p^2 log(1-p) elsewhere) plus 0.1 |size error| and 1 |offset error| at the centre cells, / N."""
    target, mask = (t.to(output.device) for t in targets(boxes, output.shape[2]))
    x, y = output[:, :10], target[:, :10]
    positive = (y == 1).float()
    p = torch.sigmoid(x)
    log_sigmoid = nn.functional.logsigmoid
    focal = -(positive * (1 - p) ** 2 * log_sigmoid(x) + (1 - positive) * (1 - y) ** 4 * p ** 2 * log_sigmoid(-x)).sum()
    m = mask[:, None]
    size = ((output[:, 10:12] - target[:, 10:12]).abs() * m).sum()
    offset = ((output[:, 12:] - target[:, 12:]).abs() * m).sum()
    return (focal + 0.1 * size + offset) / mask.sum().clamp(min=1)`,
    test: `def test_figures(outputs, masks, boxes):
    """mAP at IoU 0.5: per digit, the detections in score order are true positives when they overlap an
    unmatched box of the digit by IoU >= 0.5; AP is the area under the precision-recall curve with
    precision made non-increasing (all points), averaged over the digits with boxes."""
    found = decode(outputs, STRIDE)

    def iou(a, b):
        w = max(0.0, min(a[2], b[2]) - max(a[0], b[0]))
        h = max(0.0, min(a[3], b[3]) - max(a[1], b[1]))
        union = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - w * h
        return w * h / union if union > 0 else 0.0

    aps = []
    for digit in range(10):
        truth = [[b for b in scene if b[4] == digit] for scene in boxes]
        total = sum(len(t) for t in truth)
        if total == 0:
            continue
        ranked = sorted(((d[5], n, d) for n, ds in enumerate(found) for d in ds if d[4] == digit), key=lambda t: (-t[0], t[1]))
        used = [[False] * len(t) for t in truth]
        precision, recall, hits = [], [], 0
        for i, (_, n, d) in enumerate(ranked):
            overlaps = [iou(d, b) for b in truth[n]]
            best = max(range(len(overlaps)), key=overlaps.__getitem__) if overlaps else -1
            if best >= 0 and overlaps[best] >= 0.5 and not used[n][best]:
                used[n][best] = True
                hits += 1
            precision.append(hits / (i + 1))
            recall.append(hits / total)
        for i in range(len(precision) - 2, -1, -1):
            precision[i] = max(precision[i], precision[i + 1])
        aps.append(sum((r - r0) * p for r, r0, p in zip(recall, [0.0] + recall[:-1], precision)))
    return f'mAP@0.5 {sum(aps) / len(aps):.3f}'`,
  };
}

/** train.py for a segmentation or detection network: the playground's task on the same scenes. */
export function exportDenseTrainPy(
  spec: NetworkSpec,
  hyper: Hyperparams,
  options: ModelPyOptions = {},
): string {
  const plan = planExport(spec, options);
  const task = plan.spec.task as DenseTask;
  // Scenes are drawn from a built-in dataset (the schema refuses a user dataset for a dense task).
  const dataset = DATA_SOURCES[plan.spec.input.dataset as keyof typeof DATA_SOURCES].name;
  const { loss, test } = lossAndTest(task, hyper);
  const imports = task === 'detection' ? 'STRIDE, decode, ' : '';
  const doc = {
    className: plan.className,
    task: tr(`export:dense.task.${task}`),
    dataset,
    hyper: describeHyper(hyper),
    batch: hyper.batchSize,
    seed: hyper.seed,
  };
  return `"""${tr('export:dense.doc1', doc)}
${tr('export:dense.doc2', doc)}

    python3 train.py                 # ${tr('export:usage.builtin', { name: dataset })}
    python3 train.py --data DIR      # ${tr('export:usage.fromDir')}
    python3 train.py --steps 3000    # ${tr('export:dense.usageSteps', { steps: TRAIN_STEPS })}
    python3 train.py --device cuda   # ${tr('export:dense.usageDevice')}
    python3 train.py --test-scenes 1024  # ${tr('export:dense.usageTestScenes')}

${tr('export:dense.doc3')}
"""
import argparse
import json
import os
import struct

import torch
from torch import nn

from model import HERE, MEAN, STD, ${imports}${plan.className}, load_mnist, make_scenes

STEPS = ${TRAIN_STEPS}
BATCH_SIZE = ${pyInt(hyper.batchSize, 'batchSize')}
SEED = ${pyInt(hyper.seed, 'seed')}
TEST_SCENES = 256


${SAVE_SAFETENSORS}


${loss}


${test}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--data', default=os.path.join(HERE, 'data'), help='folder of the IDX files (default: data/)')
    parser.add_argument('--device', choices=['auto', 'cuda', 'mps', 'cpu'], default='auto',
                        help='where to train (default auto: cuda, else mps, else cpu)')
    parser.add_argument('--steps', type=int, default=STEPS, help=f'optimizer steps (default {STEPS})')
    parser.add_argument('--test-scenes', type=int, default=TEST_SCENES,
                        help=f'test scenes the figures are over (default {TEST_SCENES})')
    parser.add_argument('--weights', default=os.path.join(HERE, 'weights.safetensors'),
                        help='start from these weights, when the file exists (default: weights.safetensors)')
    parser.add_argument('--out', default=os.path.join(HERE, 'trained.safetensors'),
                        help='written at the end (default: trained.safetensors)')
    return parser.parse_args()


def pick_device(choice):
    mps = getattr(torch.backends, 'mps', None)
    if choice == 'auto':
        choice = 'cuda' if torch.cuda.is_available() else 'mps' if mps is not None and mps.is_available() else 'cpu'
    return torch.device(choice)


def main():
    args = parse_args()
    device = pick_device(args.device)
    torch.manual_seed(SEED)
    train_images, train_labels = load_mnist(args.data, 'train')
    test_images, test_labels = load_mnist(args.data, 'test')
    train_images, test_images = train_images[:, 0], test_images[:, 0]
    model = ${plan.className}()
    if os.path.exists(args.weights):
        model.load_weights(args.weights)
    model.to(device)
    optimizer = ${optimizerCall(hyper)}
    loss_sum = 0.0
    for step in range(args.steps):
        model.train()
        pixels, masks, boxes = make_scenes(train_images, train_labels, 'train', step * BATCH_SIZE, BATCH_SIZE, SEED)
        output = model(((pixels - MEAN) / STD).to(device))
        loss = loss_fn(output, masks.to(device), boxes)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        loss_sum += loss.item()
        if (step + 1) % 50 == 0:
            print(f'step {step + 1}: train loss {loss_sum / 50:.4f}', flush=True)
            loss_sum = 0.0
    model.eval()
    if args.test_scenes < 1:
        raise SystemExit(f'--test-scenes must be 1 or more, got {args.test_scenes}')
    pixels, masks, boxes = make_scenes(test_images, test_labels, 'test', 0, args.test_scenes, SEED)
    with torch.no_grad():
        outputs = torch.cat([model(((p - MEAN) / STD).to(device)).cpu() for p in pixels.split(64)])
    print(f'{args.test_scenes} test scenes: {test_figures(outputs, masks, boxes)}')
    save_safetensors(model.state_dict(), args.out)
    print(f'saved {args.out}: import it in CNN Playground, or load it with model.load_weights()')


if __name__ == '__main__':
    main()
`;
}
