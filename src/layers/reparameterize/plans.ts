// A VAE's sampling step on the GPU and the CPU: the same counter-based noise on both, chosen by (seed, step),
// and the KL term's gradient scaled by kl_weight / batch (the loss holds the batch mean of KL).
import { planReparameterize } from '../../engine/ops/reparameterize';
import { definePlans } from '../core/plan';
import type { ReparameterizeLayer } from './definition';

export const reparameterizePlans = definePlans<ReparameterizeLayer>({
  gpu(ctx, plan, io, _flat, seed) {
    const latent = plan.outShape[0];
    const klScale = plan.layer.kl_weight / io.y.shape[0];
    const train = planReparameterize(ctx, { ...io, params: { latent, seed, training: true, klScale } });
    const evaluate = planReparameterize(ctx, { ...io, params: { latent, seed, training: false, klScale } });
    return {
      forwardTrain: [train.forward],
      forwardEval: [evaluate.forward],
      backward: train.backward ? [train.backward] : [],
      backwardEval: evaluate.backward ? [evaluate.backward] : [],
      mask: train,
    };
  },

  cpu(plan, io, _flat, seed, ops) {
    const latent = plan.outShape[0];
    const params = (training: boolean) => ({
      latent,
      seed,
      training,
      klScale: plan.layer.kl_weight / io.batch,
    });
    return {
      forward: (train, step) => ops.reparameterizeForward({ x: io.x, y: io.y, params: params(train), step }),
      backward: (step) =>
        io.dx && ops.reparameterizeBackward({ x: io.x, dy: io.dy, dx: io.dx, params: params(true), step }),
      backwardEval: () =>
        io.dx &&
        ops.reparameterizeBackward({ x: io.x, dy: io.dy, dx: io.dx, params: params(false), step: 0 }),
    };
  },
});
