"""PyTorch's side of bench/generative-cpu.ts: seconds per training step of the exported generative presets.

    python3 bench/torch_generative.py jobs.json

jobs.json names each network's exported model.py and class, its input shape and hyperparameters, the batch,
the time budget and the thread counts. Each (network, threads) runs one warm-up step, then steps until the
budget has passed (at least 3); it reports wall seconds (perf_counter) and CPU-seconds (process_time: user +
system of every thread) per step, as one JSON object on stdout. The steps are the playground's: the
autoencoder minimises BCE between its output and its input; the GAN's discriminator learns real from fake,
then the generator learns through the discriminator (BCE with logits), each with its own optimizer.
"""
import importlib.util
import json
import sys
import time

import torch
from torch import nn


def load(job):
    spec = importlib.util.spec_from_file_location(job['className'], job['file'])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return getattr(module, job['className'])()


def optimizer(model, h):
    kind, lr = h['optimizer'], h['lr']
    if kind == 'sgd':
        return torch.optim.SGD(model.parameters(), lr=lr, momentum=h['momentum'], nesterov=h['nesterov'],
                               weight_decay=h['weightDecay'])
    make = torch.optim.Adam if kind == 'adam' else torch.optim.AdamW
    return make(model.parameters(), lr=lr, betas=(h['beta1'], h['beta2']), eps=h['eps'],
                weight_decay=h['weightDecay'])


def timed(step, budget_ms):
    step()
    cpu0, wall0 = time.process_time(), time.perf_counter()
    steps = 0
    while steps < 3 or (time.perf_counter() - wall0) * 1000 < budget_ms:
        step()
        steps += 1
    return {
        'steps': steps,
        'wallSecondsPerStep': (time.perf_counter() - wall0) / steps,
        'cpuSecondsPerStep': (time.process_time() - cpu0) / steps,
    }


def autoencoder_step(jobs):
    job = jobs['autoencoder']
    model = load(job).train()
    opt = optimizer(model, job['hyper'])
    x = torch.rand(jobs['batch'], *job['inputShape'])
    loss_fn = nn.BCELoss()

    def step():
        loss = loss_fn(model(x), x)
        opt.zero_grad()
        loss.backward()
        opt.step()
    return step


def gan_step(jobs):
    g_job, d_job = jobs['generator'], jobs['discriminator']
    g, d = load(g_job).train(), load(d_job).train()
    g_opt, d_opt = optimizer(g, g_job['hyper']), optimizer(d, d_job['hyper'])
    batch = jobs['batch']
    z = torch.randn(batch, *g_job['inputShape'])
    real = torch.rand(batch, *d_job['inputShape']) * 2 - 1
    ones, zeros = torch.ones(batch, 1), torch.zeros(batch, 1)
    bce = nn.BCEWithLogitsLoss()

    def step():
        fake = g(z)
        d_loss = bce(d(real), ones) + bce(d(fake.detach()), zeros)
        d_opt.zero_grad()
        d_loss.backward()
        d_opt.step()
        g_loss = bce(d(fake), ones)
        g_opt.zero_grad()
        g_loss.backward()
        g_opt.step()
    return step


def main():
    with open(sys.argv[1]) as f:
        jobs = json.load(f)
    torch.manual_seed(0)
    out = {'version': torch.__version__, 'threads': {}}
    for n in jobs['threads']:
        torch.set_num_threads(n)
        out['threads'][str(n)] = {
            'autoencoder': timed(autoencoder_step(jobs), jobs['budgetMs']),
            'dcgan': timed(gan_step(jobs), jobs['budgetMs']),
        }
    print(json.dumps(out))


if __name__ == '__main__':
    main()
