// The dense tasks' part of model.py: its demo on test scenes and the detection head's stride. Kept apart
// from dense-code.ts (train.py), which reads the model file's plan, so model.py imports no training script.
import type { DenseTask } from '../dense-scene';

/** The source of model.py's demo scenes: MNIST's test images in data/, else random pixels. */
const SCENE_SOURCE = `    try:
        images, labels = load_mnist(os.path.join(HERE, 'data'), 'test')
        images = images[:, 0]
    except FileNotFoundError:
        print('No test files in data/: drawing scenes of random 28x28 images instead.')
        images = torch.randint(0, 256, (16, 28, 28), generator=torch.Generator().manual_seed(0), dtype=torch.uint8)
        labels = torch.arange(16) % 10
    pixels, masks, boxes = make_scenes(images, labels, 'test', 0, 4, 0)
    with torch.no_grad():
        output = model((pixels - MEAN) / STD)`;

/** main()'s body after the model is loaded: four test scenes and what the network makes of them. */
export function denseMainBody(task: DenseTask): string {
  if (task === 'segmentation')
    return `${SCENE_SOURCE}
    predicted = output.argmax(1)
    for i in range(len(pixels)):
        right = (predicted[i] == masks[i]).float().mean().item()
        found = sorted(d - 1 for d in predicted[i].unique().tolist() if d > 0)
        truth = sorted(b[4] for b in boxes[i])
        print(f'test scene {i}: digits {truth}; {right:.1%} of pixels labelled right, digits found {found}')`;
  return `${SCENE_SOURCE}
    for i, found in enumerate(decode(output, STRIDE)):
        truth = sorted(b[4] for b in boxes[i])
        shown = ', '.join(f'{d} ({s:.2f}) at [{x0:.0f}, {y0:.0f}, {x1:.0f}, {y1:.0f}]' for x0, y0, x1, y1, d, s in found[:4])
        print(f'test scene {i}: digits {truth}; found {shown or "nothing"}')`;
}

/** Input pixels per cell of a detection head (1 for segmentation), from the exported shapes. */
export function strideOf(inputShape: readonly number[], outputShape: readonly number[]): number {
  return inputShape[1] / outputShape[1];
}
