"""Trains the generative presets in real PyTorch, as the engine trains them, and scores them with the judge.

    node --import ./scripts/engine-node.mjs scripts/generative/export-presets.ts /tmp/gen SEED
    /usr/bin/python3 scripts/generative/measure.py /tmp/gen ae|gan|cgan [--steps N] [--every K] [--seed S]
        [--lr LR] [--beta1 B] [--batch B] [--threads T] [--autoencoder autoencoder-sharp] [--kl-weight W]
        [--glr LR] [--dlr LR] [--decay-to STEP] [--decay-from STEP] [--floor F] [--ema DECAY ...]
        [--from G D] [--start STEP] [--code K] [--info W]

The networks and their seeded initial weights are the app's exports (export-presets.ts). The step is the
engine's: batches from a seeded shuffle, the autoencoder's BCE against its own input in [0, 1]; the GAN's
discriminator step on a real and a generated batch, then the generator's non-saturating step against the
updated discriminator on the same generated batch (gpu-gan.ts). Every K steps it prints the judge's
scores: the share of 1,000 test reconstructions recognised as their digit (autoencoder), or the inception
score, mean confidence and class histogram of 1,000 samples from fixed noise, the generator in eval mode
(GAN), with the CPU-seconds spent training so far. A VAE (--autoencoder vae) adds its KL term to the loss
and is also judged on two decoded 10x10 grids of its 2-D latent space, even over [-2, 2]^2 and at N(0, 1)'s
quantiles 0.05 .. 0.95; at the end it says from which scored step on each grid held all ten digits at every
scoring (docs/GENERATION.md's steps-to-target rule), with the load average at the scorings. --kl-weight
sets the VAE's KL weight (its Reparameterize module's kl_weight) for a variant of the preset. The conditional GAN
(cgan) asks for uniformly drawn digits: G reads [z, onehot(y)], D reads the image with ten one-hot planes
(fake batches the digits G was asked for, real ones their true labels); its 1,000 scored samples ask for
each digit 100 times, and it also prints the share the judge calls the requested digit.

GAN variants: --glr/--dlr give each network its own Adam rate (TTUR; each defaults to --lr); --decay-to STEP
decays both rates linearly from the first step (or --decay-from) to FLOOR times themselves at STEP (--floor,
default 0) and holds them there; --ema DECAY ... also scores running averages of the generator's weights;
--from G D starts from the generator's and discriminator's safetensors (e.g. the app's checkpoint) with fresh
Adam moments, and --start STEP numbers the steps from there (the printed steps and the schedule's); --code K
appends a random one-hot of K classes to the generator's noise, which D never sees (its first Linear widened
with zero weights, so a loaded generator starts unchanged; the 1,000 scored samples take each code 1,000 / K
times), and --info W adds InfoGAN's term: a Linear head on D's features (trained with D) reads the code back
from the fake batch, its cross-entropy times W added to D's loss and to G's; --smooth sets the real label of D's
loss (one-sided label smoothing); --dsteps N gives the plain DCGAN N discriminator steps per generator step, the
extra ones on drawn real batches and fresh noise; --topk NU --topk-over N trains G on the fakes D rates most
real only (top-k training, Sinha et al. 2020), their share falling linearly from 1 to NU over N steps. Every
GAN scoring also prints the
inception score's two factors, mix / doubt (score-generator.py).
"""
import argparse
import copy
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


def factors(p):
    """The inception score's mix and doubt factors: exp(H(p(y))) and exp(E[H(p(y|x))])."""
    entropy = lambda q: -(q * q.clamp_min(1e-30).log()).sum(-1)  # noqa: E731
    return math.exp(entropy(p.mean(0)).item()), math.exp(entropy(p).mean().item())


def gan_scores(p):
    """The inception score with its mix and doubt, the confidence and the class histogram of probabilities P."""
    mix, doubt = factors(p)
    return (f'inception score {inception_score(p):.2f} = mix {mix:.2f} / doubt {doubt:.3f}, '
            f'confidence {p.max(1).values.mean().item():.3f}')


def rate_at(step, args):
    """The share of the base rates used at STEP: 1 to --decay-from (default --start), then linear to --floor at
    --decay-to, then held; 1 throughout without --decay-to."""
    if args.decay_to is None:
        return 1.0
    begin = args.start if args.decay_from is None else args.decay_from
    done = min(max(step - begin, 0) / (args.decay_to - begin), 1.0)
    return 1.0 - (1.0 - args.floor) * done


def widen_input(g, k):
    """Gives generator G's first Linear K more inputs (zero weights: the trained map is unchanged at first)."""
    old = g.fc1
    g.fc1 = nn.Linear(old.in_features + k, old.out_features)
    with torch.no_grad():
        g.fc1.weight.zero_()
        g.fc1.weight[:, :old.in_features] = old.weight
        g.fc1.bias.copy_(old.bias)


def regulariser(model):
    """The loss terms the model's modules keep (a VAE's Reparameterize: its KL term), as train.py adds them."""
    return sum(m.kl for m in model.modules() if hasattr(m, 'kl'))


# The latent grids a VAE is judged on, as engine-measure.ts's: each axis's values (latent-axis.ts).
GRIDS = [('even grid 10x10 over [-2, 2]^2', torch.linspace(-2, 2, 10)),
         ('Gaussian grid 10x10 at N(0, 1) quantiles 0.05 .. 0.95',
          torch.special.ndtri(torch.linspace(0.05, 0.95, 10, dtype=torch.float64)).float())]


@torch.no_grad()
def latent_grid(model, at):
    """Decodings of the grid of 2-D codes with the values AT on each axis, rows from the top (y descending), as
    the engine's latentGridDigitScore: the modules after the sampling step, in order (the VAE is sequential)."""
    children = list(model.children())
    k = next(i for i, m in enumerate(children) if hasattr(m, 'kl'))
    side = len(at)
    x = torch.stack([torch.stack([at[c], at[side - 1 - r]]) for r in range(side) for c in range(side)])
    for m in children[k + 1:]:
        x = m(x)
    return x


def average_into(emas, g):
    """One step of each running average of the generator's weights: a <- decay * a + (1 - decay) * w; its
    BatchNorm statistics are copied from the trained generator."""
    with torch.no_grad():
        for decay, ema in emas:
            for a, w in zip(ema.parameters(), g.parameters()):
                a.mul_(decay).add_(w, alpha=1 - decay)
            for a, w in zip(ema.buffers(), g.buffers()):
                a.copy_(w)


def cpu_seconds():
    t = os.times()
    return t.user + t.system


class Mnist:
    """MNIST's training images (pixels in [0, 1]) and labels, the first SAMPLES test images and labels, and
    the engine's sample order: a seeded shuffle, drawn again at each epoch (draws from torch's global
    generator, so seed it first)."""

    def __init__(self, batch):
        self.batch = batch
        self.train = read_idx('train-images-idx3-ubyte').unsqueeze(1).float() / 255
        self.train_labels = read_idx('train-labels-idx1-ubyte').long()
        self.test = read_idx('t10k-images-idx3-ubyte')[:SAMPLES].unsqueeze(1).float() / 255
        self.labels = read_idx('t10k-labels-idx1-ubyte')[:SAMPLES].long()
        self.order = torch.randperm(len(self.train))
        self.batches = len(self.train) // batch

    def indices_at(self, step):
        if step % self.batches == 0 and step > 0:
            self.order = torch.randperm(len(self.train))
        i = step % self.batches
        return self.order[i * self.batch:(i + 1) * self.batch]


def train_autoencoder(model, data, judge, args, before_step=None):
    """Trains MODEL on its own input with BCE (plus a VAE's KL term), Adam at args.lr (3e-3), printing the
    judge's scores every args.every steps; a VAE's latent grids are scored too, and at the end the step
    from which each grid held all ten digits at every scoring. before_step(step, optimiser), if given, runs
    first at each step (a variant's schedule)."""
    vae = any(hasattr(m, 'kl') for m in model.modules())
    first, held, loads = {}, {}, []
    opt = torch.optim.Adam(model.parameters(), lr=args.lr or 3e-3, betas=(args.beta1 or 0.9, 0.999))
    loss_fn = nn.BCELoss()
    spent = 0.0
    for step in range(args.steps):
        x = data.train[data.indices_at(step)]
        if before_step:
            before_step(step, opt)
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
                hits = (judge.probs(model(data.test)).argmax(1) == data.labels).float().mean().item()
                grid = ''
                loads.append(os.getloadavg()[0])
                for name, at in GRIDS if vae else []:
                    p = judge.probs(latent_grid(model, at))
                    hist = torch.bincount(p.argmax(1), minlength=10).tolist()
                    digits = sum(n > 0 for n in hist)
                    if digits == 10:
                        first.setdefault(name, step + 1)
                        held.setdefault(name, step + 1)
                    else:
                        held.pop(name, None)
                    grid += (f'; {name}: {digits} digits, histogram {hist}, '
                             f'confidence {p.max(1).values.mean().item():.3f}')
            print(f'step {step + 1}: loss {loss.item():.4f}, judge recognises {100 * hits:.1f}% of '
                  f'reconstructions{grid}, {spent:.1f} CPU-s', flush=True)
    if vae:
        for name, _ in GRIDS:
            since = (f'at every scoring from step {held[name]} to {args.steps}' if name in held
                     else f'not at the last scoring (step {args.steps})')
            print(f"{name}: all ten digits first at step {first.get(name, '-')}, {since}")
        print(f'load average (1 min) at the scorings: mean {sum(loads) / len(loads):.1f}, '
              f'from {min(loads):.1f} to {max(loads):.1f}')


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
    parser.add_argument('--kl-weight', type=float, help="the VAE's KL weight, for a variant of the preset")
    parser.add_argument('--ema', type=float, nargs='+', default=[],
                        help="also score running averages of the generator's weights with these decays")
    parser.add_argument('--glr', type=float, help="the generator's Adam rate (default --lr)")
    parser.add_argument('--dlr', type=float, help="the discriminator's Adam rate (default --lr)")
    parser.add_argument('--decay-to', type=int,
                        help='decay both rates linearly to --floor times themselves at this step')
    parser.add_argument('--decay-from', type=int, help='the step the decay starts at (default --start)')
    parser.add_argument('--floor', type=float, default=0.0, help='the share of the rates left at --decay-to')
    parser.add_argument('--from', dest='start_from', nargs=2, metavar=('G', 'D'),
                        help="start from these generator and discriminator safetensors")
    parser.add_argument('--code', type=int, default=0,
                        help="a random one-hot of this many classes after the generator's noise, which D never sees")
    parser.add_argument('--info', type=float, default=0.0,
                        help="InfoGAN: a head on D's features reads --code back, its cross-entropy with this weight")
    parser.add_argument('--smooth', type=float, default=1.0, help="the real label of D's loss (one-sided smoothing)")
    parser.add_argument('--dsteps', type=int, default=1, help='D steps per G step (the plain DCGAN only)')
    parser.add_argument('--start', type=int, default=0, help='the step number the run starts from')
    parser.add_argument('--topk', type=float, default=1.0,
                        help="top-k training: G's loss over the share of fakes D rates most real (at least NU)")
    parser.add_argument('--topk-over', type=int, default=1, help='steps over which the share falls from 1 to NU')
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    # The judge before the shuffle: building its modules draws from torch's generator.
    judge = Judge(os.path.join(args.exported, 'judge'))
    data = Mnist(args.batch)
    train, train_labels = data.train, data.train_labels

    if args.mode == 'ae':
        model = load_model(os.path.join(args.exported, args.autoencoder))
        if args.kl_weight is not None:
            for m in model.modules():
                if hasattr(m, 'kl'):
                    m.kl_weight = args.kl_weight
        train_autoencoder(model, data, judge, args)
        return

    conditional = args.mode == 'cgan'
    prefix = 'cgan' if conditional else 'dcgan'
    g = load_model(os.path.join(args.exported, prefix + '-generator'))
    d = load_model(os.path.join(args.exported, prefix + '-discriminator'))
    if args.start_from:
        g.load_weights(args.start_from[0])
        d.load_weights(args.start_from[1])
    classes = 10 if conditional else 0
    latent = g.fc1.in_features - classes
    if args.code:
        widen_input(g, args.code)
    # The one-hot after the noise: the digit asked for (cgan), or the code D never sees (--code).
    hot = classes or args.code
    info = nn.Linear(d.fc1.in_features, args.code) if args.info else None

    def with_digit(z, y):
        return torch.cat([z, nn.functional.one_hot(y, hot).float()], 1) if hot else z

    def planes(x, y):
        if not conditional:
            return x
        hot = nn.functional.one_hot(y, classes).float()[:, :, None, None]
        return torch.cat([x, hot.expand(-1, -1, x.shape[2], x.shape[3])], 1)
    # Both GAN presets train at Adam 1e-3, beta1 0.5 (DCGAN_HYPER).
    lr, beta1 = args.lr or 1e-3, args.beta1 if args.beta1 is not None else 0.5
    g_lr, d_lr = args.glr or lr, args.dlr or lr
    g_opt = torch.optim.Adam(g.parameters(), lr=g_lr, betas=(beta1, 0.999))
    d_opt = torch.optim.Adam(list(d.parameters()) + (list(info.parameters()) if info else []), lr=d_lr,
                             betas=(beta1, 0.999))
    features = nn.Sequential(*list(d.children())[:-1])

    def code_loss(x, y):
        """InfoGAN's term: how badly a head on D's features reads the code back from the images X."""
        return args.info * nn.functional.cross_entropy(info(features(x)), y) if info else 0
    bce = nn.BCEWithLogitsLoss()
    ones, zeros = torch.ones(args.batch), torch.zeros(args.batch)
    reals = torch.full((args.batch,), args.smooth)
    fixed = torch.randn(SAMPLES, latent, generator=torch.Generator().manual_seed(12345))
    asked = torch.arange(SAMPLES) % (hot or 10)
    # The averaged generator: its weights follow the trained ones, its BatchNorm statistics are copied.
    emas = [(decay, copy.deepcopy(g)) for decay in args.ema]
    spent = 0.0
    for step in range(args.start, args.start + args.steps):
        share = rate_at(step, args)
        for group in g_opt.param_groups:
            group['lr'] = g_lr * share
        for group in d_opt.param_groups:
            group['lr'] = d_lr * share
        at = data.indices_at(step - args.start)
        real, real_y = train[at] * 2 - 1, train_labels[at]
        z = torch.randn(args.batch, latent)
        fake_y = torch.randint(0, hot or 10, (args.batch,))
        t0 = cpu_seconds()
        g.train()
        d.train()
        for _ in range(args.dsteps - 1):
            # An extra D step on a drawn real batch and fresh noise (the step below keeps the engine's order).
            x = train[torch.randint(len(train), (args.batch,))] * 2 - 1
            y = torch.randint(0, hot or 10, (args.batch,))
            with torch.no_grad():
                extra = g(with_digit(torch.randn(args.batch, latent), y))
            d_opt.zero_grad()
            (bce(d(x).flatten(), reals) + bce(d(extra).flatten(), zeros)).backward()
            d_opt.step()
        fake = g(with_digit(z, fake_y))
        d_opt.zero_grad()
        d_real = bce(d(planes(real, real_y)).flatten(), reals)
        d_fake = bce(d(planes(fake.detach(), fake_y)).flatten(), zeros)
        (d_real + d_fake + code_loss(fake.detach(), fake_y)).backward()
        d_opt.step()
        g_opt.zero_grad()
        logits = d(planes(fake, fake_y)).flatten()
        # Top-k training (Sinha et al. 2020): only the k fakes D finds most real teach G this step.
        keep = math.ceil(args.batch * max(args.topk, 1 - (1 - args.topk) * (step - args.start) / args.topk_over))
        logits = logits.topk(keep).values if keep < args.batch else logits
        g_loss = bce(logits, ones[:keep])
        (g_loss + code_loss(fake, fake_y)).backward()
        g_opt.step()
        average_into(emas, g)
        spent += cpu_seconds() - t0
        if (step + 1) % args.every == 0:
            with torch.no_grad():
                g.eval()
                p = judge.probs((g(with_digit(fixed, asked)) + 1) / 2)
            hist = torch.bincount(p.argmax(1), minlength=10).tolist()
            requested = (f', requested digit {100 * (p.argmax(1) == asked).float().mean().item():.1f}%'
                         if conditional else '')
            if args.code:
                # How far the code picks the digit: per code, the share of its samples judged its commonest digit.
                votes = torch.zeros(args.code, 10).index_put_((asked, p.argmax(1)), torch.ones(SAMPLES),
                                                              accumulate=True)
                requested = f', code purity {100 * votes.max(1).values.sum().item() / SAMPLES:.1f}%'
            print(f'step {step + 1}: D {(d_real + d_fake).item():.3f}, G {g_loss.item():.3f}, '
                  f'{gan_scores(p)}{requested}, histogram {hist}, rate x{share:.3f}, {spent:.1f} CPU-s, '
                  f'load {os.getloadavg()[0]:.1f}', flush=True)
            for decay, ema in emas:
                with torch.no_grad():
                    ema.eval()
                    q = judge.probs((ema(with_digit(fixed, asked)) + 1) / 2)
                print(f'  averaged generator (decay {decay}): {gan_scores(q)}, '
                      f'histogram {torch.bincount(q.argmax(1), minlength=10).tolist()}', flush=True)


if __name__ == '__main__':
    sys.exit(main())
