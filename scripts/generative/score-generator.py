"""Scores DCGAN generator checkpoints with the judge in PyTorch, their BatchNorm in eval mode and with batch
statistics, on the same 1,000 noise vectors (measure.py's fixed noise): does eval mode cost score? It also
splits each inception score into its two factors, IS = exp(H(p(y))) / exp(E[H(p(y|x))]): the mix (the
entropy of the mean class distribution; 10 for ten equal classes) over the doubt (the judge's mean entropy on
one sample; 1 when it is certain of every sample), so a low score can be told apart as an uneven mix of digits
or as digits the judge is unsure of. The first 1,000 real test digits are split the same way for reference.

    node --import ./scripts/engine-node.mjs scripts/generative/export-presets.ts /tmp/gen42 42
    /usr/bin/python3 scripts/generative/score-generator.py /tmp/gen42 public/models/dcgan-generator-6000.safetensors [MORE ...]
"""
import os
import shutil
import sys
import tempfile

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from measure import SAMPLES, Judge, factors, inception_score, load_model, read_idx  # noqa: E402


def report(name, p):
    hist = torch.bincount(p.argmax(1), minlength=10).tolist()
    mix, doubt = factors(p)
    sure = p.max(1).values
    print(f'{name}: inception score {inception_score(p):.2f} = mix {mix:.2f} / doubt {doubt:.3f}, '
          f'confidence {sure.mean().item():.3f} (below 0.9: {100 * (sure < 0.9).float().mean().item():.1f}%, '
          f'below 0.6: {100 * (sure < 0.6).float().mean().item():.1f}%), histogram {hist}', flush=True)


def main(exported, checkpoints):
    torch.set_num_threads(1)
    judge = Judge(os.path.join(exported, 'judge'))
    real = read_idx('t10k-images-idx3-ubyte')[:SAMPLES].unsqueeze(1).float() / 255
    report('real test digits', judge.probs(real))
    folder = tempfile.mkdtemp()
    shutil.copy(os.path.join(exported, 'dcgan-generator', 'model.py'), os.path.join(folder, 'model.py'))
    for weights in checkpoints:
        shutil.copy(weights, os.path.join(folder, 'weights.safetensors'))
        g = load_model(folder)
        fixed = torch.randn(SAMPLES, g.fc1.in_features, generator=torch.Generator().manual_seed(12345))
        with torch.no_grad():
            for mode in ('eval', 'train'):
                getattr(g, mode)()
                report(f'{os.path.basename(weights)}, {mode} mode', judge.probs((g(fixed) + 1) / 2))
    shutil.rmtree(folder)


if __name__ == '__main__':
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2:])
