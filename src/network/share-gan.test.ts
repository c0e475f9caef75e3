import { describe, expect, it } from 'vitest';
import { DCGAN_HYPER } from './hyper';
import { presetSpec } from './presets';
import { serializeSpec } from './serialize';
import { decodeShareState, encodeShareState, toBase64Url } from './share';

const enc = (value: unknown) => toBase64Url(new TextEncoder().encode(JSON.stringify(value)));
const canonical = (name: 'dcgan-generator' | 'dcgan-discriminator' | 'lenet-5') =>
  JSON.parse(serializeSpec(presetSpec(name))) as unknown;

describe('share links with a GAN discriminator', () => {
  it('round-trip the generator and its discriminator', () => {
    const state = {
      spec: presetSpec('dcgan-generator'),
      hyper: DCGAN_HYPER,
      discriminator: presetSpec('dcgan-discriminator'),
    };
    expect(decodeShareState(encodeShareState(state))).toEqual({ ok: true, ...state });
  });

  it('leave links without one as they were (apart from the version), so older links still read', () => {
    const state = { spec: presetSpec('lenet-5'), hyper: DCGAN_HYPER };
    const encoded = encodeShareState(state);
    expect(encoded).toBe(
      enc({ v: 2, spec: canonical('lenet-5'), hyper: JSON.parse(JSON.stringify(state.hyper)) }),
    );
    expect(decodeShareState(encoded)).toEqual({ ok: true, ...state });
  });

  it('validate the discriminator like any design, and only beside a generator', () => {
    const hyper = DCGAN_HYPER;
    const bad = canonical('dcgan-discriminator') as { layers: { out_features?: number }[] };
    bad.layers[bad.layers.length - 1].out_features = 1e9;
    expect(
      decodeShareState(enc({ v: 1, spec: canonical('dcgan-generator'), hyper, discriminator: bad })),
    ).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^the share link is not valid: its discriminator: layer \d+ \(Linear\): out_features 1000000000 is too large/,
      ),
    });
    expect(
      decodeShareState(
        enc({ v: 1, spec: canonical('dcgan-generator'), hyper, discriminator: canonical('lenet-5') }),
      ),
    ).toEqual({
      ok: false,
      error:
        'the share link is not valid: its second network is a classification network, not a discriminator',
    });
    expect(
      decodeShareState(
        enc({ v: 2, spec: canonical('lenet-5'), hyper, discriminator: canonical('dcgan-discriminator') }),
      ),
    ).toEqual({
      ok: false,
      error:
        'the share link is not valid: it pairs a discriminator with a classification network, not a generator',
    });
  });
});
