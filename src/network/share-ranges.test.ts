// Share links are held to the builder's ranges (params.ts): a link cannot bring in a size of zero or below,
// which a file may (to show its errors in the builder) but a link, opened by a click, must not.
import { describe, expect, it } from 'vitest';
import { DCGAN_HYPER, DEFAULT_HYPER } from './hyper';
import { presetSpec } from './presets';
import { serializeSpec } from './serialize';
import { decodeShareState, toBase64Url } from './share';

const enc = (value: unknown) => toBase64Url(new TextEncoder().encode(JSON.stringify(value)));
const lenet = () => JSON.parse(serializeSpec(presetSpec('lenet-5')));

describe('share links are held to the builder ranges', () => {
  const cases: [string, (spec: ReturnType<typeof lenet>) => void, string][] = [
    [
      'a negative out_channels',
      (s) => (s.layers[0].out_channels = -5),
      'layer 1 (Conv2d): out_channels must be at least 1 (got -5)',
    ],
    [
      'a zero kernel_size',
      (s) => (s.layers[3].kernel_size = 0),
      'layer 4 (Conv2d): kernel_size must be at least 1 (got 0)',
    ],
    [
      'a negative padding',
      (s) => (s.layers[0].padding = -1),
      'layer 1 (Conv2d): padding must be at least 0 (got -1)',
    ],
    [
      'a zero out_features',
      (s) => (s.layers[7].out_features = 0),
      'layer 8 (Linear): out_features must be at least 1 (got 0)',
    ],
    [
      'a pooling padding over half its kernel',
      (s) => (s.layers[2].padding = 2),
      'layer 3 (MaxPool2d): padding 2 is more than half of kernel_size 2: PyTorch allows at most 1',
    ],
  ];
  for (const [what, edit, message] of cases) {
    it(`refuses ${what}`, () => {
      const spec = lenet();
      edit(spec);
      expect(decodeShareState(enc({ v: 1, spec, hyper: DEFAULT_HYPER }))).toEqual({
        ok: false,
        error: `the share link is not valid: ${message}`,
      });
    });
  }

  it('refuses a GAN link whose discriminator is out of range, naming it', () => {
    const discriminator = JSON.parse(serializeSpec(presetSpec('dcgan-discriminator')));
    discriminator.layers[0].out_channels = 0;
    const link = enc({
      v: 1,
      spec: presetSpec('dcgan-generator'),
      hyper: DCGAN_HYPER,
      discriminator,
    });
    expect(decodeShareState(link)).toEqual({
      ok: false,
      error:
        'the share link is not valid: its discriminator: layer 1 (Conv2d): out_channels must be at least 1 (got 0)',
    });
  });

  it('still opens every in-range design', () => {
    const decoded = decodeShareState(enc({ v: 1, spec: lenet(), hyper: DEFAULT_HYPER }));
    expect(decoded.ok && decoded.spec).toEqual(presetSpec('lenet-5'));
  });
});
