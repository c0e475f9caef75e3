"""LeNet-5 on MNIST under a fixed budget of images: which recipe (optimizer, peak learning rate, warm-up,
decay shape, batch size) gives the best test accuracy when the whole schedule must fit the budget.

The bench's 60 s accuracy recipe (BUDGET_RECIPE in bench/setup.ts) was chosen with it, and the LeNet-5
preset's constant rate checked (docs/BENCH.md has the figures). Budgets are counted in batch-64 steps; another batch size gets the same number of images (its steps are
64 / batch times as many), since images/s hardly depends on the batch on our backends. The schedule is a
function of the budget's fraction done, as the bench's is of its elapsed time: a linear warm-up from 0 over
the first WARMUP of it (the bench's starts at 2%: the trainer refuses a rate of 0), then DECAY ('linear'
or 'cosine' to FLOOR x peak, or 'constant') over the rest.

    /usr/bin/python3 scripts/torch/lenet_budget.py RUNS [--out FILE] [--worker I --workers N]

RUNS is a JSON list of {"opt": "sgd"|"adam", "lr", "warmup", "decay", "floor", "batch", "budget", "seed"}
(or a file holding one), with "evalAt": [steps] to also test along the way (how soon a constant rate,
as the app trains, passes 97%). Each run prints (and appends to FILE) one JSON line: the run and its test
accuracy on the 10,000 test images. LeNet-5 is the preset's network, with its Linear layers written as
convolutions (the same maths; torch's convolutions are twice as fast as its generic BLAS here).
"""
import argparse
import json
import math
import os
import sys

import torch
import torch.nn.functional as F
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mnist_idx import read_idx  # noqa: E402
MEAN, STD = 0.1307, 0.3081  # src/training/normalisation.ts


def images(name):
    return ((read_idx(name).unsqueeze(1).float() / 255) - MEAN) / STD


def lenet():
    """The 'lenet-5' preset; fc1 (400 -> 120 over the flattened 16x5x5) is a 5x5 convolution, fc2 and fc3
    1x1 convolutions, with PyTorch's default initialisation of the Linear layers they stand for."""
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 120, 5), nn.ReLU(),
        nn.Conv2d(120, 84, 1), nn.ReLU(),
        nn.Conv2d(84, 10, 1), nn.Flatten())


def lr_at(run, done):
    """The learning rate at `done` in [0, 1) of the budget."""
    peak, warmup, floor = run['lr'], run.get('warmup', 0), run.get('floor', 0)
    if done < warmup:
        return peak * done / warmup
    u = (done - warmup) / (1 - warmup)
    decay = run.get('decay', 'linear')
    if decay == 'constant':
        return peak
    if decay == 'cosine':
        return peak * (floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * u)))
    return peak * max(floor, 1 - u)


def train(run, data):
    train_x, train_y, test_x, test_y = data
    torch.manual_seed(run['seed'])
    model = lenet()
    if run['opt'] == 'adam':
        opt = torch.optim.Adam(model.parameters(), lr=run['lr'])
    else:
        opt = torch.optim.SGD(model.parameters(), lr=run['lr'], momentum=0.9,
                              nesterov=run.get('nesterov', False))
    batch = run['batch']
    steps = run['budget'] * 64 // batch
    per_epoch = train_x.shape[0] // batch
    order = None
    along = {}
    for k in range(steps):
        if k % per_epoch == 0:
            order = torch.randperm(train_x.shape[0])
        idx = order[(k % per_epoch) * batch:(k % per_epoch + 1) * batch]
        for g in opt.param_groups:
            g['lr'] = lr_at(run, k / steps)
        opt.zero_grad()
        loss = F.cross_entropy(model(train_x[idx]), train_y[idx])
        loss.backward()
        opt.step()
        if k + 1 in run.get('evalAt', []):
            along[k + 1] = accuracy(model, test_x, test_y)
    return {**run, 'steps': steps, 'testAccuracy': accuracy(model, test_x, test_y), 'lastLoss': loss.item(),
            **({'accuracyAt': along} if along else {})}


def accuracy(model, x, y):
    with torch.no_grad():
        correct = sum((model(x[i:i + 1000]).argmax(1) == y[i:i + 1000]).sum().item()
                      for i in range(0, len(x), 1000))
    return correct / len(x)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('runs')
    parser.add_argument('--out')
    parser.add_argument('--worker', type=int, default=0,
                        help='run only the runs i with i %% workers == worker')
    parser.add_argument('--workers', type=int, default=1)
    args = parser.parse_args()
    runs = json.load(open(args.runs)) if os.path.exists(args.runs) else json.loads(args.runs)
    torch.set_num_threads(1)
    data = (images('train-images-idx3-ubyte'), read_idx('train-labels-idx1-ubyte').long(),
            images('t10k-images-idx3-ubyte'), read_idx('t10k-labels-idx1-ubyte').long())
    for i, run in enumerate(runs):
        if i % args.workers != args.worker:
            continue
        line = json.dumps(train(run, data))
        print(line, flush=True)
        if args.out:
            with open(args.out, 'a') as f:
                f.write(line + '\n')


if __name__ == '__main__':
    sys.exit(main())
