"""The PyTorch half of the generative parity test: train exported generators on the engine's own batches.

JOBS is a JSON list. An autoencoder job is {"mode": "ae", "dir", "class", "data", "lr", "betas", "out"}:
DIR/model.py's CLASS with DIR/weights.safetensors, trained with Adam and BCE against its own input on
the tensor 'real' of DATA ([steps × batch, 1, 28, 28], pixels in [0, 1]), one batch per step; a VAE's DATA
also holds 'eps' ([steps × batch, latent]), the engine's sampling noise, which its Reparameterize draws in
place of torch.randn_like, and its KL term joins the loss it minimises (the reported loss is the BCE). A GAN job is
{"mode": "gan", "g", "d", "data", "lr", "betas", "out"} with "g" and "d" each {"dir", "class"}: DATA holds
'real' (in [-1, 1]) and 'noise' ([steps × batch, latent]); the step is the engine's (gpu-gan.ts, as in
scripts/generative/measure.py): D on the real and the generated batch, one Adam step on the summed
gradients, then G's non-saturating loss through the updated D on the same generated batch. A conditional
GAN's DATA also holds 'real_digits' and 'fake_digits' (one per image, as floats): G's noise rows already end
in the one-hot digit, and D reads each image with ten one-hot planes of its digit. Each job writes
its per-step losses to OUT as JSON: {"loss": [...]} or {"real": [...], "fake": [...], "gen": [...]}.

    python3 generative_parity.py JOBS
"""
import json
import os
import sys

from exported import load_model_module


def load(net, index):
    model = load_model_module(net['dir'], f'parity_model_{index}')
    module = getattr(model, net['class'])()
    module.load_weights(os.path.join(net['dir'], 'weights.safetensors'))
    return model, module.train()


def autoencoder(job, index):
    import torch

    model, net = load(job, index)
    data = model.read_safetensors(job['data'])
    real, eps = data['real'], data.get('eps')
    batch = job['batch']
    opt = torch.optim.Adam(net.parameters(), lr=job['lr'], betas=tuple(job['betas']))
    bce = torch.nn.BCELoss()
    randn_like = torch.randn_like
    losses = []
    try:
        for start in range(0, real.shape[0], batch):
            x = real[start:start + batch]
            if eps is not None:
                torch.randn_like = lambda mu, at=start: eps[at:at + mu.shape[0]].clone()
            opt.zero_grad()
            loss = bce(net(x), x)
            (loss + sum(m.kl for m in net.modules() if hasattr(m, 'kl'))).backward()
            opt.step()
            losses.append(loss.item())
    finally:
        torch.randn_like = randn_like
    return {'loss': losses}


def gan(job, index):
    import torch

    model, g = load(job['g'], 2 * index)
    _, d = load(job['d'], 2 * index + 1)
    data = model.read_safetensors(job['data'])
    real, noise = data['real'], data['noise']
    conditional = 'real_digits' in data
    batch = job['batch']

    def planes(x, digits):
        if not conditional:
            return x
        hot = torch.nn.functional.one_hot(digits.long(), 10).float()[:, :, None, None]
        return torch.cat([x, hot.expand(-1, -1, x.shape[2], x.shape[3])], 1)

    betas = tuple(job['betas'])
    g_opt = torch.optim.Adam(g.parameters(), lr=job['lr'], betas=betas)
    d_opt = torch.optim.Adam(d.parameters(), lr=job['lr'], betas=betas)
    bce = torch.nn.BCEWithLogitsLoss()
    ones, zeros = torch.ones(batch), torch.zeros(batch)
    out = {'real': [], 'fake': [], 'gen': []}
    for start in range(0, real.shape[0], batch):
        rows = slice(start, start + batch)
        real_digits = data['real_digits'][rows] if conditional else None
        fake_digits = data['fake_digits'][rows] if conditional else None
        fake = g(noise[rows])
        d_opt.zero_grad()
        d_real = bce(d(planes(real[rows], real_digits)).flatten(), ones)
        d_fake = bce(d(planes(fake.detach(), fake_digits)).flatten(), zeros)
        (d_real + d_fake).backward()
        d_opt.step()
        g_opt.zero_grad()
        g_loss = bce(d(planes(fake, fake_digits)).flatten(), ones)
        g_loss.backward()
        g_opt.step()
        out['real'].append(d_real.item())
        out['fake'].append(d_fake.item())
        out['gen'].append(g_loss.item())
    return out


def main(jobs_path):
    import torch

    torch.set_num_threads(1)
    with open(jobs_path) as f:
        jobs = json.load(f)
    for index, job in enumerate(jobs):
        result = autoencoder(job, index) if job['mode'] == 'ae' else gan(job, index)
        with open(job['out'], 'w') as f:
            json.dump(result, f)


if __name__ == '__main__':
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
