"""Scores a DCGAN generator checkpoint with the judge in PyTorch, its BatchNorm in eval mode and with batch
statistics, on the same 1,000 noise vectors (measure.py's fixed noise): does eval mode cost score?

    node --import ./scripts/engine-node.mjs scripts/generative/export-presets.ts /tmp/gen 1
    /usr/bin/python3 scripts/generative/score-generator.py /tmp/gen public/models/dcgan-generator-2500.safetensors
"""
import os
import shutil
import sys
import tempfile

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from measure import SAMPLES, Judge, inception_score, load_model  # noqa: E402


def main(exported, weights):
    folder = tempfile.mkdtemp()
    shutil.copy(os.path.join(exported, 'dcgan-generator', 'model.py'), os.path.join(folder, 'model.py'))
    shutil.copy(weights, os.path.join(folder, 'weights.safetensors'))
    g = load_model(folder)
    judge = Judge(os.path.join(exported, 'judge'))
    fixed = torch.randn(SAMPLES, g.fc1.in_features, generator=torch.Generator().manual_seed(12345))
    with torch.no_grad():
        for mode in ('eval', 'train'):
            getattr(g, mode)()
            p = judge.probs((g(fixed) + 1) / 2)
            hist = torch.bincount(p.argmax(1), minlength=10).tolist()
            print(f'{mode} mode: inception score {inception_score(p):.2f}, '
                  f'confidence {p.max(1).values.mean().item():.3f}, histogram {hist}')
    shutil.rmtree(folder)


if __name__ == '__main__':
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
