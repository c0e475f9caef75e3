"""Trains DCGAN variants in PyTorch, built here from flags, as the engine's GAN step trains them, and
scores them with the judge, to choose the app's DCGAN preset (docs/GENERATION.md records the runs).

    node --import ./scripts/engine-node.mjs scripts/generative/export-presets.ts /tmp/gen 1   # the judge
    /usr/bin/python3 scripts/generative/gan-variants.py /tmp/gen [--gch 32] [--dch 32] [--dbn 1] [--dhidden 0]
        [--latent 32] [--glr 2e-4] [--dlr 2e-4] [--beta1 0.5] [--smooth 1.0] [--batch 64]
        [--steps N] [--every K] [--seed S] [--decay-to STEP] [--decay-from STEP] [--floor F] [--ema DECAY ...]

The generator is Linear(latent -> 2*gch x 7 x 7), BatchNorm, ReLU, ConvTranspose(2*gch -> gch, 4, 2, 1),
BatchNorm, ReLU, ConvTranspose(gch -> 1, 4, 2, 1), Tanh: the preset's shape at gch = 32. The
discriminator is Conv(1 -> dch, 4, 2, 1), LeakyReLU 0.2, Conv(dch -> 2*dch, 4, 2, 1), [BatchNorm],
LeakyReLU 0.2, [Linear(2*dch x 7 x 7 -> dhidden), LeakyReLU 0.2], Linear(-> 1). Initial weights are
PyTorch's defaults (the engine draws the same distributions from its own stream). --smooth sets the real label of D's loss (one-sided smoothing).
--decay-to, --decay-from, --floor and --ema are measure.py's: a linear decay of both rates, and running
averages of the generator's weights (each scored too).
"""
import argparse
import copy
import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from measure import SAMPLES, Judge, average_into, cpu_seconds, gan_scores, rate_at, read_idx  # noqa: E402


def generator(latent, gch):
    return nn.Sequential(
        nn.Linear(latent, 2 * gch * 49), nn.Unflatten(1, (2 * gch, 7, 7)), nn.BatchNorm2d(2 * gch), nn.ReLU(),
        nn.ConvTranspose2d(2 * gch, gch, 4, 2, 1), nn.BatchNorm2d(gch), nn.ReLU(),
        nn.ConvTranspose2d(gch, 1, 4, 2, 1), nn.Tanh())


def discriminator(dch, bn, hidden=0):
    head = [nn.Linear(2 * dch * 49, hidden), nn.LeakyReLU(0.2), nn.Linear(hidden, 1)] if hidden else [
        nn.Linear(2 * dch * 49, 1)]
    return nn.Sequential(
        nn.Conv2d(1, dch, 4, 2, 1), nn.LeakyReLU(0.2),
        nn.Conv2d(dch, 2 * dch, 4, 2, 1), *([nn.BatchNorm2d(2 * dch)] if bn else []), nn.LeakyReLU(0.2),
        nn.Flatten(), *head)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('exported')
    for name, kind, default in [('gch', int, 32), ('dch', int, 32), ('dbn', int, 1), ('dhidden', int, 0), ('latent', int, 32),
                                ('glr', float, 2e-4), ('dlr', float, 2e-4), ('beta1', float, 0.5),
                                ('smooth', float, 1.0), ('batch', int, 64), ('steps', int, 1500),
                                ('every', int, 250), ('seed', int, 1), ('threads', int, 1)]:
        parser.add_argument('--' + name, type=kind, default=default)
    parser.add_argument('--decay-to', type=int)
    parser.add_argument('--decay-from', type=int)
    parser.add_argument('--floor', type=float, default=0.0)
    parser.add_argument('--ema', type=float, nargs='+', default=[])
    args = parser.parse_args()
    args.start = 0
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    print(vars(args), flush=True)
    train = read_idx('train-images-idx3-ubyte').unsqueeze(1).float() / 255
    judge = Judge(os.path.join(args.exported, 'judge'))
    g, d = generator(args.latent, args.gch), discriminator(args.dch, args.dbn, args.dhidden)
    g_opt = torch.optim.Adam(g.parameters(), lr=args.glr, betas=(args.beta1, 0.999))
    d_opt = torch.optim.Adam(d.parameters(), lr=args.dlr, betas=(args.beta1, 0.999))
    bce = nn.BCEWithLogitsLoss()
    reals, ones, zeros = (torch.full((args.batch,), args.smooth), torch.ones(args.batch),
                          torch.zeros(args.batch))
    fixed = torch.randn(SAMPLES, args.latent, generator=torch.Generator().manual_seed(12345))
    order, batches, spent = torch.randperm(len(train)), len(train) // args.batch, 0.0
    emas = [(decay, copy.deepcopy(g)) for decay in args.ema]
    for step in range(args.steps):
        share = rate_at(step, args)
        for opt, lr in ((g_opt, args.glr), (d_opt, args.dlr)):
            for group in opt.param_groups:
                group['lr'] = lr * share
        if step % batches == 0 and step > 0:
            order = torch.randperm(len(train))
        i = step % batches
        real = train[order[i * args.batch:(i + 1) * args.batch]] * 2 - 1
        z = torch.randn(args.batch, args.latent)
        t0 = cpu_seconds()
        g.train()
        d.train()
        fake = g(z)
        d_opt.zero_grad()
        d_loss = bce(d(real).flatten(), reals) + bce(d(fake.detach()).flatten(), zeros)
        d_loss.backward()
        d_opt.step()
        g_opt.zero_grad()
        g_loss = bce(d(fake).flatten(), ones)
        g_loss.backward()
        g_opt.step()
        average_into(emas, g)
        spent += cpu_seconds() - t0
        if (step + 1) % args.every == 0:
            with torch.no_grad():
                g.eval()
                p = judge.probs((g(fixed) + 1) / 2)
            hist = torch.bincount(p.argmax(1), minlength=10).tolist()
            print(f'step {step + 1}: D {d_loss.item():.3f}, G {g_loss.item():.3f}, '
                  f'{gan_scores(p)}, histogram {hist}, rate x{share:.3f}, {spent:.1f} CPU-s, '
                  f'load {os.getloadavg()[0]:.1f}', flush=True)
            for decay, ema in emas:
                with torch.no_grad():
                    ema.eval()
                    q = judge.probs((ema(fixed) + 1) / 2)
                print(f'  averaged generator (decay {decay}): {gan_scores(q)}, '
                      f'histogram {torch.bincount(q.argmax(1), minlength=10).tolist()}', flush=True)


if __name__ == '__main__':
    sys.exit(main())
