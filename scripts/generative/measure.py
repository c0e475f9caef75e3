"""Trains the generative presets in real PyTorch, as the engine trains them, and scores them with the judge.

    node --import ./scripts/engine-node.mjs scripts/generative/export-presets.ts /tmp/gen SEED
    /usr/bin/python3 scripts/generative/measure.py /tmp/gen ae|gan|cgan [--steps N] [--every K] [--seed S]
        [--lr LR] [--beta1 B] [--batch B] [--threads T] [--autoencoder autoencoder-sharp]

The networks and their seeded initial weights are the app's exports (export-presets.ts). The step is the
engine's: batches from a seeded shuffle, the autoencoder's BCE against its own input in [0, 1]; the GAN's
discriminator step on a real and a generated batch, then the generator's non-saturating step against the
updated discriminator on the same generated batch (gpu-gan.ts). Every K steps it prints the judge's
scores: the share of 1,000 test reconstructions recognised as their digit (autoencoder), or the inception
score, mean confidence and class histogram of 1,000 samples from fixed noise, the generator in eval mode
(GAN), with the CPU-seconds spent training so far. A VAE (--autoencoder vae) adds its KL term to the loss
and is also judged on a decoded 10x10 grid of its 2-D latent space over [-2, 2]^2. The conditional GAN
(cgan) asks for uniformly drawn digits: G reads [z, onehot(y)], D reads the image with ten one-hot planes
(fake batches the digits G was asked for, real ones their true labels); its 1,000 scored samples ask for
each digit 100 times, and it also prints the share the judge calls the requested digit.
"""
import argparse
import importlib.util
import math
import os
import sys

import torch
from torch import nn

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'torch'))
from mnist_idx import read_idx  # noqa: E402
SAMPLES = 1000


def load_model(folder):
    """The network FOLDER/model.py defines (the nn.Module with load_weights; a VAE's file also defines its
    Reparameterize module), with FOLDER/weights.safetensors loaded."""
    spec = importlib.util.spec_from_file_location(os.path.basename(folder).replace('-', '_'),
                                                  os.path.join(folder, 'model.py'))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    [cls] = [v for v in vars(module).values()
             if isinstance(v, type) and issubclass(v, nn.Module) and v.__module__ == module.__name__
             and hasattr(v, 'load_weights')]
    return cls().load_weights(os.path.join(folder, 'weights.safetensors'))


class Judge:
    def __init__(self, folder):
        self.model = load_model(folder).eval()

    @torch.no_grad()
    def probs(self, images):
        """Class probabilities of images with pixels in [0, 1] (the judge's MNIST normalisation)."""
        return torch.softmax(self.model((images - 0.1307) / 0.3081), dim=1)


def inception_score(p):
    marginal = p.mean(0, keepdim=True)
    kl = (p * (p.clamp_min(1e-30).log() - marginal.log())).sum(1).mean()
    return math.exp(kl.item())


def regulariser(model):
    """The loss terms the model's modules keep (a VAE's Reparameterize: its KL term), as train.py adds them."""
    return sum(m.kl for m in model.modules() if hasattr(m, 'kl'))


@torch.no_grad()
def latent_grid(model, side=10, extent=2.0):
    """Decodings of a side x side grid of 2-D codes over [-extent, extent]^2, rows from the top (y descending),
    as the engine's latentGridDigitScore: the modules after the sampling step, in order (the VAE is sequential)."""
    children = list(model.children())
    k = next(i for i, m in enumerate(children) if hasattr(m, 'kl'))
    at = torch.linspace(-extent, extent, side)
    x = torch.stack([torch.stack([at[c], at[side - 1 - r]]) for r in range(side) for c in range(side)])
    for m in children[k + 1:]:
        x = m(x)
    return x


def cpu_seconds():
    t = os.times()
    return t.user + t.system


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('exported')
    parser.add_argument('mode', choices=['ae', 'gan', 'cgan'])
    parser.add_argument('--steps', type=int, default=1000)
    parser.add_argument('--every', type=int, default=100)
    parser.add_argument('--seed', type=int, default=1)
    parser.add_argument('--lr', type=float)
    parser.add_argument('--beta1', type=float)
    parser.add_argument('--batch', type=int, default=64)
    parser.add_argument('--threads', type=int, default=1)
    parser.add_argument('--autoencoder', default='autoencoder-sharp', help='the exported autoencoder folder')
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    train = read_idx('train-images-idx3-ubyte').unsqueeze(1).float() / 255
    test = read_idx('t10k-images-idx3-ubyte')[:SAMPLES].unsqueeze(1).float() / 255
    labels = read_idx('t10k-labels-idx1-ubyte')[:SAMPLES].long()
    judge = Judge(os.path.join(args.exported, 'judge'))
    order = torch.randperm(len(train))
    batches = len(train) // args.batch

    train_labels = read_idx('train-labels-idx1-ubyte').long()

    def indices_at(step):
        nonlocal order
        if step % batches == 0 and step > 0:
            order = torch.randperm(len(train))
        i = step % batches
        return order[i * args.batch:(i + 1) * args.batch]

    def batch_at(step):
        return train[indices_at(step)]

    if args.mode == 'ae':
        model = load_model(os.path.join(args.exported, args.autoencoder))
        opt = torch.optim.Adam(model.parameters(), lr=args.lr or 3e-3, betas=(args.beta1 or 0.9, 0.999))
        loss_fn = nn.BCELoss()
        spent = 0.0
        for step in range(args.steps):
            x = batch_at(step)
            t0 = cpu_seconds()
            model.train()
            opt.zero_grad()
            loss = loss_fn(model(x), x)
            (loss + regulariser(model)).backward()
            opt.step()
            spent += cpu_seconds() - t0
            if (step + 1) % args.every == 0:
                with torch.no_grad():
                    model.eval()
                    hits = (judge.probs(model(test)).argmax(1) == labels).float().mean().item()
                    grid = ''
                    if any(hasattr(m, 'kl') for m in model.modules()):
                        p = judge.probs(latent_grid(model))
                        hist = torch.bincount(p.argmax(1), minlength=10).tolist()
                        grid = (f'; latent grid 10x10 over [-2, 2]^2: {sum(n > 0 for n in hist)} digits, '
                                f'histogram {hist}, confidence {p.max(1).values.mean().item():.3f}')
                print(f'step {step + 1}: loss {loss.item():.4f}, judge recognises {100 * hits:.1f}% of '
                      f'reconstructions{grid}, {spent:.1f} CPU-s', flush=True)
        return

    conditional = args.mode == 'cgan'
    prefix = 'cgan' if conditional else 'dcgan'
    g = load_model(os.path.join(args.exported, prefix + '-generator'))
    d = load_model(os.path.join(args.exported, prefix + '-discriminator'))
    classes = 10 if conditional else 0
    latent = g.fc1.in_features - classes

    def with_digit(z, y):
        return torch.cat([z, nn.functional.one_hot(y, classes).float()], 1) if conditional else z

    def planes(x, y):
        if not conditional:
            return x
        hot = nn.functional.one_hot(y, classes).float()[:, :, None, None]
        return torch.cat([x, hot.expand(-1, -1, x.shape[2], x.shape[3])], 1)
    # Both GAN presets train at Adam 1e-3, beta1 0.5 (DCGAN_HYPER).
    lr, beta1 = args.lr or 1e-3, args.beta1 if args.beta1 is not None else 0.5
    g_opt = torch.optim.Adam(g.parameters(), lr=lr, betas=(beta1, 0.999))
    d_opt = torch.optim.Adam(d.parameters(), lr=lr, betas=(beta1, 0.999))
    bce = nn.BCEWithLogitsLoss()
    ones, zeros = torch.ones(args.batch), torch.zeros(args.batch)
    fixed = torch.randn(SAMPLES, latent, generator=torch.Generator().manual_seed(12345))
    asked = torch.arange(SAMPLES) % 10
    spent = 0.0
    for step in range(args.steps):
        at = indices_at(step)
        real, real_y = train[at] * 2 - 1, train_labels[at]
        z = torch.randn(args.batch, latent)
        fake_y = torch.randint(0, 10, (args.batch,))
        t0 = cpu_seconds()
        g.train()
        d.train()
        fake = g(with_digit(z, fake_y))
        d_opt.zero_grad()
        d_real = bce(d(planes(real, real_y)).flatten(), ones)
        d_fake = bce(d(planes(fake.detach(), fake_y)).flatten(), zeros)
        (d_real + d_fake).backward()
        d_opt.step()
        g_opt.zero_grad()
        g_loss = bce(d(planes(fake, fake_y)).flatten(), ones)
        g_loss.backward()
        g_opt.step()
        spent += cpu_seconds() - t0
        if (step + 1) % args.every == 0:
            with torch.no_grad():
                g.eval()
                p = judge.probs((g(with_digit(fixed, asked)) + 1) / 2)
            hist = torch.bincount(p.argmax(1), minlength=10).tolist()
            requested = (f', requested digit {100 * (p.argmax(1) == asked).float().mean().item():.1f}%'
                         if conditional else '')
            print(f'step {step + 1}: D {(d_real + d_fake).item():.3f}, G {g_loss.item():.3f}, '
                  f'inception score {inception_score(p):.2f}, confidence {p.max(1).values.mean().item():.3f}'
                  f'{requested}, histogram {hist}, {spent:.1f} CPU-s', flush=True)


if __name__ == '__main__':
    sys.exit(main())
