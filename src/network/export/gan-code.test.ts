import { describe, expect, it } from 'vitest';
import { DCGAN_HYPER } from '../hyper';
import { presetSpec } from '../presets';
import { exportConvertPy } from './convert-code';
import { exportGanBundle, exportGanTrainPy, type GanHalf } from './gan-code';
import { exportModelPy } from './pytorch-code';
import { randomWeights } from './testing/random-weights';
import { unzip } from './testing/unzip';
import { exportWeights } from './weights-file';

function half(id: 'dcgan-generator' | 'dcgan-discriminator', seed: number): GanHalf {
  const spec = presetSpec(id);
  return { spec, hyper: DCGAN_HYPER, weights: randomWeights(spec, seed) };
}

describe('exportGanTrainPy', () => {
  const generator = { ...half('dcgan-generator', 1), hyper: { ...DCGAN_HYPER, epochs: 4, seed: 9 } };
  const discriminator = { ...half('dcgan-discriminator', 2), hyper: { ...DCGAN_HYPER, lr: 1e-4 } };

  it('trains both halves with their own optimizers and the loop settings of the generator', () => {
    const source = exportGanTrainPy(generator, discriminator);
    expect(source).toContain(
      'from discriminator.model import DATASET, HERE as DISCRIMINATOR_DIR, IDX_FILES, MEAN, STD, DCGANDiscriminator, find_idx, load_mnist\n',
    );
    expect(source).toContain(
      'from generator.model import HERE as GENERATOR_DIR, LATENT_DIM, DCGANGenerator\n',
    );
    expect(source).toContain('EPOCHS = 4\nBATCH_SIZE = 64\nSEED = 9\n');
    expect(source.split('\n').filter((line) => /^(import|from) .*torchvision/.test(line))).toEqual([]);
    expect(source).toContain(
      'g_optimizer = torch.optim.Adam(generator.parameters(), lr=0.001, betas=(0.5, 0.999), eps=1e-8, weight_decay=0.0)',
    );
    expect(source).toContain('d_optimizer = torch.optim.Adam(discriminator.parameters(), lr=0.0001,');
    expect(source).toContain('loss_fn = nn.BCEWithLogitsLoss()');
    expect(source.split('\n').filter((line) => /\s$/.test(line))).toEqual([]);
  });

  it('refuses a pair that is not a generator and a discriminator of 28×28 images', () => {
    expect(() => exportGanTrainPy(discriminator, generator)).toThrow('needs a generator and a discriminator');
    const small = presetSpec('dcgan-generator');
    small.layers.pop();
    small.layers.pop();
    expect(() => exportGanTrainPy({ ...generator, spec: small }, discriminator)).toThrow(
      'its image must be 1×28×28',
    );
  });
});

describe('exportGanBundle', () => {
  it('puts each half in its own folder next to one train.py', () => {
    const [g, d] = [half('dcgan-generator', 3), half('dcgan-discriminator', 4)];
    const files = unzip(exportGanBundle(g, d));
    expect(files.map((f) => f.name)).toEqual([
      'generator/model.py',
      'generator/weights.safetensors',
      'discriminator/model.py',
      'discriminator/weights.safetensors',
      'train.py',
      'convert_pt.py',
      'README.txt',
    ]);
    expect(new TextDecoder().decode(files[0].data)).toBe(exportModelPy(g.spec));
    // Byte for byte, as one comparison: a deep equality walks the discriminator's 3.4 MB a byte at a time.
    expect(Buffer.from(files[3].data).equals(Buffer.from(exportWeights(d.spec, d.weights)))).toBe(true);
    expect(new TextDecoder().decode(files[4].data)).toBe(exportGanTrainPy(g, d));
    expect(new TextDecoder().decode(files[5].data)).toBe(exportConvertPy());
    expect(new TextDecoder().decode(files[6].data)).toContain('torchrun --nproc_per_node=2 train.py');
  });
});
