// Links and project files made by the previous version (chains: spec 1, link 1, project 1), saved in
// src/network/testing/format-v1/ by that version's own code, open in this one as the same designs.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { randomWeights } from './export/testing/random-weights';
import { discriminatorLayers } from './generative-presets';
import { DCGAN_HYPER, DEFAULT_HYPER } from './hyper';
import { mnistSpec } from './preset-layers';
import { presetSpec } from './presets';
import { readProject } from './project/project';
import { decodeShareState, encodeShareState } from './share';

const saved = (name: string) => readFileSync(new URL(`./testing/format-v1/${name}`, import.meta.url));

describe('designs saved by the previous version', () => {
  it('a version 1 link opens as its design and hyperparameters, and is re-shared as version 2', () => {
    const decoded = decodeShareState(saved('lenet-5.link.txt').toString('utf8').trim());
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.spec).toEqual(presetSpec('lenet-5'));
    expect(decoded.hyper).toEqual({ ...DEFAULT_HYPER, seed: 7, lr: 0.01 });
    const again = decodeShareState(encodeShareState(decoded));
    expect(again).toEqual(decoded);
  });

  it('a version 1 GAN link opens both networks', () => {
    const decoded = decodeShareState(saved('dcgan.link.txt').toString('utf8').trim());
    if (!decoded.ok) throw new Error(decoded.error);
    expect(decoded.spec).toEqual(presetSpec('dcgan-generator'));
    // Saved before the discriminator gained its hidden layer: the link keeps its own design.
    expect(decoded.discriminator).toEqual(
      mnistSpec('DCGAN discriminator', 'discriminator', discriminatorLayers(1)),
    );
    // Saved when the DCGAN preset trained at Adam 2e-4: the link keeps its own rate.
    expect(decoded.hyper).toEqual({ ...DCGAN_HYPER, lr: 2e-4 });
  });

  it('a version 1 project file opens with its design and its trained weights', () => {
    const read = readProject(new Uint8Array(saved('lenet-5-trained.cnnp')));
    if (!read.ok) throw new Error(read.error);
    const lenet = presetSpec('lenet-5');
    expect(read.project.spec).toEqual(lenet);
    expect(read.project.hyper).toEqual(DEFAULT_HYPER);
    const want = randomWeights(lenet, 5);
    for (const layer of want) {
      const got = read.project.weights!.find((w) => w.layerIndex === layer.layerIndex)!;
      for (const t of layer.tensors) expect(got.tensors.find((u) => u.name === t.name)!.data).toEqual(t.data);
    }
  });
});
