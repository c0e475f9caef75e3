import { describe, expect, it } from 'vitest';
import { DCGAN_HYPER, DEFAULT_HYPER, defaultLoss, validateHyper, type Hyperparams } from './hyper';

const issues = (patch: Partial<Hyperparams>, task?: Parameters<typeof validateHyper>[1]) =>
  validateHyper({ ...DEFAULT_HYPER, ...patch }, task).map((i) => `${i.severity} ${i.field}: ${i.message}`);

describe('hyperparameters', () => {
  it('defaults are valid; DCGAN uses Adam with lr 1e-3 and β1 0.5', () => {
    expect(validateHyper(DEFAULT_HYPER, 'classification')).toEqual([]);
    expect(validateHyper(DCGAN_HYPER, 'generator')).toEqual([]);
    expect(DCGAN_HYPER).toMatchObject({ optimizer: 'adam', lr: 1e-3, beta1: 0.5, beta2: 0.999 });
    expect([
      defaultLoss('classification'),
      defaultLoss('reconstruction'),
      defaultLoss('discriminator'),
    ]).toEqual(['cross_entropy', 'bce', 'bce']);
  });

  it('explains each out-of-range value', () => {
    expect(issues({ lr: 0 })).toEqual(['error lr: learning rate must be above 0 and at most 1000 (got 0)']);
    expect(issues({ lr: 100 })).toEqual([
      'warning lr: a learning rate of 100 is very high and will probably diverge: try 0.001 to 0.1',
    ]);
    expect(issues({ lr: NaN })).toEqual(['error lr: lr must be a finite number (got NaN)']);
    expect(issues({ momentum: 1 })).toEqual([
      'error momentum: momentum must be from 0 up to (not including) 1 (got 1)',
    ]);
    expect(issues({ optimizer: 'sgd', nesterov: true, momentum: 0 })).toEqual([
      'error nesterov: Nesterov momentum needs a momentum above 0: set momentum (e.g. 0.9) or turn nesterov off',
    ]);
    expect(issues({ beta2: 1.5 })).toEqual([
      'error beta2: beta2 must be from 0 up to (not including) 1 (got 1.5)',
    ]);
    expect(issues({ eps: 0 })).toEqual(['error eps: eps must be above 0 and at most 1 (got 0)']);
    expect(issues({ weightDecay: -0.1 })).toEqual([
      'error weightDecay: weight decay must be from 0 to 1 (got -0.1)',
    ]);
    expect(issues({ batchSize: 0.5 })).toEqual([
      'error batchSize: batchSize must be a whole number from 1 to 1024 (got 0.5)',
    ]);
    expect(issues({ epochs: 0 })).toEqual([
      'error epochs: epochs must be a whole number from 1 to 1000 (got 0)',
    ]);
    expect(issues({ seed: -1 })).toEqual([
      'error seed: seed must be a whole number from 0 to 4294967295 (got -1)',
    ]);
  });

  it('checks that the loss fits the task', () => {
    expect(issues({ loss: 'mse' }, 'classification')).toEqual([
      'error loss: the mse loss does not fit a classification network: use cross_entropy',
    ]);
    expect(issues({ loss: 'cross_entropy' }, 'reconstruction')).toEqual([
      'error loss: the cross_entropy loss does not fit a reconstruction network: use mse or bce',
    ]);
    expect(issues({ loss: 'mse' }, 'reconstruction')).toEqual([]);
  });
});
