"""Trains variational autoencoder variants in PyTorch, built here from flags, as the engine trains the VAE
preset, and scores them with the judge as measure.py does, to choose the app's VAE preset
(docs/GENERATION.md records the runs).

    node --import ./scripts/engine-node.mjs scripts/generative/export-presets.ts /tmp/gen 1   # the judge
    /usr/bin/python3 scripts/generative/vae-variants.py /tmp/gen [--ch 16] [--hidden 0] [--beta 1]
        [--lr 3e-3] [--batch 64] [--steps N] [--every K] [--seed S] [--fine N] [--warmup N]
        [--dec-hidden H] [--mlp H] [--mlp-depth N] [--decay F]

The encoder is Conv(1 -> ch, 3, 2, 1), ReLU, Conv(ch -> 2*ch, 3, 2, 1), ReLU, Flatten, [Linear(2*ch*49 ->
hidden), ReLU], Linear(-> 4): a mean and a log-variance per code value; the decoder [Linear(2 -> hidden),
ReLU], Linear(-> 2*ch*49), ReLU, ConvTranspose(2*ch -> ch, 4, 2, 1), ReLU, ConvTranspose(ch -> 1, 4, 2, 1),
Sigmoid: the preset's shape at ch = 16, hidden = 0. --dec-hidden H puts a hidden Linear of H units in the
decoder only (with --hidden, the decoder's instead of hidden); --mlp H trains a plain MLP VAE instead:
Flatten, Linear(784 -> H), ReLU, Linear(-> 4), and back Linear(2 -> H), ReLU, Linear(-> 784), Sigmoid (the
classic 2-D manifold figure's shape), with --mlp-depth N hidden layers of H units each way. --decay F
decays the learning rate linearly to F times itself at the last step. The KL weight is beta / 784 (beta 1: the ELBO per
pixel, with BCE averaged over the pixels); --warmup N raises it linearly from 0 over the first N steps
(a KL warm-up). Initial weights are PyTorch's defaults. --fine N then says where
the digits are: the judge's histogram over N x N grids (even over [-2, 2]^2 and at N(0, 1)'s quantiles
0.05 .. 0.95), and for each digit what the judge calls the reconstructions of the 1,000 test images of it
and the mean of their codes.
"""
import argparse
import copy
import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from measure import GRIDS, Judge, Mnist, latent_grid, train_autoencoder  # noqa: E402


class Reparameterize(nn.Module):
    """The sampling step as the exported model.py writes it: mu + exp(log_var / 2) * eps while training, mu
    when evaluating; self.kl is kl_weight * the batch mean of KL(N(mu, var) || N(0, 1))."""

    def __init__(self, kl_weight):
        super().__init__()
        self.kl_weight = kl_weight
        self.kl = torch.zeros(())

    def forward(self, x):
        mu, log_var = x.chunk(2, dim=1)
        self.kl = self.kl_weight * (-0.5 * (1 + log_var - mu ** 2 - log_var.exp())).sum(1).mean()
        if not self.training:
            return mu
        return mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)


def vae(ch, hidden, beta, dec_hidden=0, mlp=0, mlp_depth=1):
    if mlp:
        deeper = [m for _ in range(mlp_depth - 1) for m in (nn.Linear(mlp, mlp), nn.ReLU())]
        return nn.Sequential(
            nn.Flatten(), nn.Linear(784, mlp), nn.ReLU(), *deeper, nn.Linear(mlp, 4), Reparameterize(beta / 784),
            nn.Linear(2, mlp), nn.ReLU(), *copy.deepcopy(deeper), nn.Linear(mlp, 784), nn.Sigmoid(),
            nn.Unflatten(1, (1, 28, 28)))
    flat = 2 * ch * 49
    into = [nn.Linear(flat, hidden), nn.ReLU(), nn.Linear(hidden, 4)] if hidden else [nn.Linear(flat, 4)]
    dec_hidden = dec_hidden or hidden
    out = [nn.Linear(2, dec_hidden), nn.ReLU(), nn.Linear(dec_hidden, flat)] if dec_hidden else [nn.Linear(2, flat)]
    return nn.Sequential(
        nn.Conv2d(1, ch, 3, 2, 1), nn.ReLU(), nn.Conv2d(ch, 2 * ch, 3, 2, 1), nn.ReLU(), nn.Flatten(), *into,
        Reparameterize(beta / 784), *out, nn.ReLU(), nn.Unflatten(1, (2 * ch, 7, 7)),
        nn.ConvTranspose2d(2 * ch, ch, 4, 2, 1), nn.ReLU(), nn.ConvTranspose2d(ch, 1, 4, 2, 1), nn.Sigmoid())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('exported')
    for name, kind, default in [('ch', int, 16), ('hidden', int, 0), ('beta', float, 1.0), ('lr', float, 3e-3),
                                ('batch', int, 64), ('steps', int, 2000), ('every', int, 100), ('seed', int, 1),
                                ('threads', int, 1), ('fine', int, 0),
                                ('warmup', int, 0), ('dec_hidden', int, 0), ('mlp', int, 0), ('mlp_depth', int, 1),
                                ('decay', float, 0)]:
        parser.add_argument('--' + name.replace('_', '-'), type=kind, default=default)
    args = parser.parse_args()
    args.beta1 = None
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    judge = Judge(os.path.join(args.exported, 'judge'))
    data = Mnist(args.batch)
    model = vae(args.ch, args.hidden, args.beta, args.dec_hidden, args.mlp, args.mlp_depth)
    sampling = next(m for m in model if hasattr(m, 'kl'))

    def before_step(step, opt):
        if args.warmup:
            sampling.kl_weight = args.beta / 784 * min(1.0, step / args.warmup)
        if args.decay:
            # Linear decay from lr at step 0 to lr * decay at the last step.
            for group in opt.param_groups:
                group['lr'] = args.lr * (1 - (1 - args.decay) * step / max(1, args.steps - 1))
    train_autoencoder(model, data, judge, args, before_step if args.warmup or args.decay else None)
    if args.fine:
        where_digits_are(model, data, judge, args.fine)


@torch.no_grad()
def where_digits_are(model, data, judge, side):
    model.eval()
    for (name, _), at in zip(GRIDS, [torch.linspace(-2, 2, side),
                                     torch.special.ndtri(torch.linspace(0.05, 0.95, side, dtype=torch.float64))]):
        hist = torch.bincount(judge.probs(latent_grid(model, at.float())).argmax(1), minlength=10).tolist()
        print(f'{name.replace("10x10", f"{side}x{side}")}: histogram {hist}')
    encoder = model[:list(model).index(next(m for m in model if hasattr(m, 'kl')))]
    codes = encoder(data.test)[:, :2]
    called = judge.probs(model(data.test)).argmax(1)
    for d in range(10):
        mine = data.labels == d
        mean = codes[mine].mean(0).tolist()
        print(f'test {d}s ({int(mine.sum())}): judged {torch.bincount(called[mine], minlength=10).tolist()}, '
              f'mean code ({mean[0]:.2f}, {mean[1]:.2f})')


if __name__ == '__main__':
    sys.exit(main())
