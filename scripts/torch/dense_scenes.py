"""The scenes of an exported segmentation or detection model.py, drawn by its own Python port of the
playground's scene generator, for comparison with the playground's scenes byte for byte.

JOBS is a JSON list of {"dir", "data", "split", "seed", "start", "count", "out"}. For each job it loads
DIR/model.py, reads the split of MNIST from DATA with the model's load_mnist, draws scenes [START, START +
COUNT) with make_scenes and writes OUT as JSON: each scene's pixels (0..255), label map and boxes.

    python3 dense_scenes.py JOBS
"""
import json
import sys

from exported import load_model_module


def run(job, index):
    model = load_model_module(job['dir'], f'dense_scenes_{index}')
    images, labels = model.load_mnist(job['data'], job['split'])
    pixels, masks, boxes = model.make_scenes(images[:, 0], labels, job['split'], job['start'], job['count'], job['seed'])
    scenes = [{'image': (pixels[i, 0] * 255).round().long().flatten().tolist(),
               'mask': masks[i].flatten().tolist(),
               'boxes': [list(b) for b in boxes[i]]} for i in range(len(boxes))]
    with open(job['out'], 'w') as f:
        json.dump(scenes, f)


def main(jobs_path):
    import torch

    torch.set_num_threads(1)
    with open(jobs_path) as f:
        jobs = json.load(f)
    for index, job in enumerate(jobs):
        run(job, index)


if __name__ == '__main__':
    main(sys.argv[1])
