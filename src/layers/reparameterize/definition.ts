// A variational autoencoder's sampling step (Kingma and Welling 2014), which PyTorch writes by hand: the
// input row is [μ (d values), log σ² (d values)]; while training z = μ + σ·ε with ε ~ N(0, 1), when
// evaluating z = μ. Training also minimises kl_weight × the batch mean of KL(N(μ, σ²) ‖ N(0, 1)), which
// pulls the codes towards a standard normal, so every point of the latent space decodes to something.
import { setFix } from '../core/issues';
import { mi, mn, mo, row, sup } from '../core/math';
import { pyFloat } from '../core/python';
import { defineLayer } from '../core/types';
import { tr } from '../../i18n';

export type ReparameterizeLayer = {
  kind: 'Reparameterize';
  id: string;
  inputs?: string[];
  kl_weight: number;
};

/** model.py's definition of the module (PyTorch has none): the sampling step, keeping its KL term for train.py. */
const MODULE_PY = `class Reparameterize(nn.Module):
    """A VAE's sampling step: rows [mu, log_var] give mu + exp(log_var / 2) * eps while training, mu when
    evaluating. self.kl holds kl_weight * the batch mean of KL(N(mu, var) || N(0, 1)), which the training
    loss adds."""

    def __init__(self, kl_weight=1.0):
        super().__init__()
        self.kl_weight = kl_weight
        self.kl = torch.zeros(())

    def forward(self, x):
        mu, log_var = x.chunk(2, dim=1)
        self.kl = self.kl_weight * (-0.5 * (1 + log_var - mu ** 2 - log_var.exp())).sum(1).mean()
        if not self.training:
            return mu
        return mu + torch.exp(0.5 * log_var) * torch.randn_like(mu)`;

export const reparameterize = defineLayer<ReparameterizeLayer>({
  kind: 'Reparameterize',
  group: 'dense',
  traits: { standardNormalCode: true },
  description:
    'A variational autoencoder’s code: reads a mean and a log-variance per latent value and, while training, samples the code around the mean.',
  arity: 'one',
  params: {
    kl_weight: {
      rule: { type: 'real', min: 0, max: 1000 },
      default: 1,
      doc: 'How strongly the codes are pulled towards a standard normal (the weight of the KL term in the loss).',
      hint: 'shapes:hint.klWeight',
    },
  },

  infer(_layer, ctx) {
    const [n] = ctx.input;
    if (ctx.input.length !== 1) {
      return {
        output: null,
        wired: {},
        issues: [
          ctx.error(
            tr('shapes:reparameterize.notFlat', {
              name: ctx.name,
              source: ctx.sourceName,
              shape: ctx.input.join('×'),
            }),
          ),
        ],
      };
    }
    if (n % 2 !== 0) {
      const head = tr('shapes:reparameterize.odd', { name: ctx.name, n });
      const source = ctx.shapeSource();
      const issue = source?.sizeParam
        ? ctx.error(
            tr('shapes:reparameterize.setSource', {
              head,
              param: source.sizeParam,
              value: n + 1,
              layer: source.index + 1,
            }),
            setFix(source.layer, source.sizeParam, n + 1),
          )
        : ctx.error(tr('shapes:reparameterize.give', { head, source: ctx.sourceName, value: n + 1 }));
      return { output: null, wired: {}, issues: [issue] };
    }
    return { output: [n / 2], wired: {}, issues: [] };
  },

  // exp, a multiply and an add per code value, and its noise.
  flops: (_layer, _inputs, output) => 4 * output[0],
  summary: (layer) => tr('explain:summary.kl', { w: layer.kl_weight }),
  animation: 'sample',
  explain: (layer) => ({
    rule: row(
      mi('z'),
      mo('='),
      mi('μ'),
      mo('+'),
      sup(mi('e'), row(mn(0.5), mo('·'), mi('log'), sup(mi('σ'), mn(2)))),
      mo('·'),
      mi('ε'),
    ),
    size: null,
    legend: tr('explain:legend.reparameterize', { w: layer.kl_weight }),
  }),
  // Evaluating gives μ, the first half of each row.
  onnx(_layer, ctx) {
    const d = ctx.outputShape[0];
    ctx.node(
      'Slice',
      [ctx.inputs[0], ctx.int64s('starts', [0]), ctx.int64s('ends', [d]), ctx.int64s('axes', [1])],
      {},
      ctx.output,
    );
  },
  python: {
    prefix: 'reparam',
    module: (layer, name) => {
      const w = pyFloat(layer.kl_weight, `${name}.kl_weight`);
      return w === '1.0' ? 'Reparameterize()' : `Reparameterize(kl_weight=${w})`;
    },
    definition: MODULE_PY,
    lossTerm: 'kl',
  },
  fuzz: (layer, r) => ({ ...layer, kl_weight: r.pick([0, 0.001, 1, -1]) }),
});
