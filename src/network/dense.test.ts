import { describe, expect, it } from 'vitest';
import { analyzeSpec } from './analyze';
import { DEFAULT_BACKGROUND_WEIGHT, validateHyper } from './hyper';
import { applyFix } from './issues';
import { presetSpec } from './presets';
import { parseSpec, serializeSpec, parseHyper, serializeHyper } from './serialize';
import { decodeShareState, encodeShareState } from './share';
import { SEGMENTATION_HYPER } from './dense-presets';
import { emptySpec, type NetworkSpec } from './spec';
import { validateSpecValue } from './schema';
import { exportBundle } from './export/bundle';
import { randomWeights } from './export/testing/random-weights';
import { unzip } from './export/testing/unzip';

const errors = (spec: NetworkSpec) =>
  analyzeSpec(spec)
    .issues.filter((i) => i.severity === 'error')
    .map((i) => i.message);

describe('segmentation and detection specs', () => {
  it('read a square scene with its settings; an empty dense spec says so', () => {
    const empty = emptySpec('segmentation');
    expect(empty.input.shape).toEqual([1, 64, 64]);
    expect(empty.scene).toEqual({
      minDigits: 1,
      maxDigits: 3,
      minScale: 20,
      maxScale: 36,
      clutter: 0,
      noise: 0,
    });
    expect(emptySpec('classification').scene).toBeUndefined();
    const unet = presetSpec('unet');
    expect(errors({ ...unet, input: { ...unet.input, shape: [1, 64, 48] } })).toEqual([
      'a segmentation network reads square greyscale scenes [1, side, side], not 1×64×48',
    ]);
    expect(errors({ ...unet, scene: { ...unet.scene!, maxScale: 80 } })).toEqual([
      'the scenes cannot be drawn: maxScale 80 does not fit on a 64×64 scene: at most 64 (sides 16 to 128)',
    ]);
    const { scene: _scene, ...noScene } = unet;
    expect(errors(noScene)).toEqual([
      'a segmentation network needs scene settings (how its scenes are drawn)',
    ]);
    expect(errors({ ...presetSpec('lenet-5'), scene: unet.scene })).toContain(
      'only segmentation and detection read scenes; this is a classification network',
    );
  });

  it('need 11 scores per pixel at full size (segmentation), with a fix for the channels', () => {
    const unet = presetSpec('unet');
    const last = unet.layers.length - 1;
    const wrong = {
      ...unet,
      layers: unet.layers.map((l, i) => (i === last ? { ...l, out_channels: 10 } : l)),
    };
    const analysis = analyzeSpec(wrong as NetworkSpec);
    const issue = analysis.issues.find((i) => i.severity === 'error')!;
    expect(issue.message).toBe(
      'the last layer gives 10 channels but segmentation needs 11 scores per pixel (background and ten digits) at 64×64: set out_channels = 11',
    );
    expect(analyzeSpec(applyFix(wrong as NetworkSpec, issue.fix!)).valid).toBe(true);
    const fcn = presetSpec('fcn');
    const short = { ...fcn, layers: fcn.layers.slice(0, -1) };
    expect(errors(short)).toEqual([
      'the network gives 16×16 maps but segmentation labels every pixel of the 64×64 scene: upsample back to 64×64 (ConvTranspose2d or Upsample)',
    ]);
  });

  it('need a 14-map detection head on a grid that tiles the scene', () => {
    const det = presetSpec('centernet');
    expect(analyzeSpec(det).valid).toBe(true);
    expect(analyzeSpec({ ...det, input: { ...det.input, shape: [1, 48, 48] } }).outputShape).toEqual([
      14, 12, 12,
    ]);
    const flat = {
      ...det,
      layers: [...det.layers, { kind: 'Flatten', id: 'f' } as NetworkSpec['layers'][number]],
    };
    expect(errors(flat)[0]).toMatch(
      /^the network ends with 3584 flat values but a detection head gives 14 maps/,
    );
    const odd = { ...det, input: { ...det.input, shape: [1, 60, 60] } } as NetworkSpec;
    expect(errors(odd).some((m) => m.includes('Concat'))).toBe(true);
  });

  it('round-trip through files and share links with their scene settings; the schema refuses bad scenes', () => {
    const spec = {
      ...presetSpec('centernet'),
      scene: { ...presetSpec('centernet').scene!, clutter: 4, noise: 20 },
    };
    const parsed = parseSpec(serializeSpec(spec));
    expect(parsed).toEqual({ ok: true, spec });
    const shared = decodeShareState(encodeShareState({ spec, hyper: SEGMENTATION_HYPER }));
    expect(shared.ok && shared.spec).toEqual(spec);
    expect(shared.ok && shared.hyper.backgroundWeight).toBe(DEFAULT_BACKGROUND_WEIGHT);
    const raw = JSON.parse(serializeSpec(spec));
    expect(validateSpecValue({ ...raw, scene: { ...raw.scene, colour: 1 } })).toEqual({
      ok: false,
      error: 'scene has an unknown field "colour"',
    });
    expect(validateSpecValue({ ...raw, input: { ...raw.input, shape: [1, 64, 32] } })).toEqual({
      ok: false,
      error: 'input.shape must be [1, side, side], a square scene with a side from 16 to 128',
    });
    expect(
      validateSpecValue({ ...JSON.parse(serializeSpec(presetSpec('lenet-5'))), scene: raw.scene }),
    ).toEqual({
      ok: false,
      error: 'only segmentation and detection specs have scene settings; this is a classification spec',
    });
  });

  it('take their losses and a background weight; label smoothing is not for segmentation', () => {
    expect(validateHyper(SEGMENTATION_HYPER, 'segmentation')).toEqual([]);
    expect(validateHyper({ ...SEGMENTATION_HYPER, loss: 'centernet' }, 'segmentation')[0].message).toBe(
      'the centernet loss does not fit a segmentation network: use cross_entropy',
    );
    expect(validateHyper({ ...SEGMENTATION_HYPER, backgroundWeight: 0 })[0].message).toBe(
      'the background weight must be above 0 and at most 10 (got 0)',
    );
    expect(validateHyper({ ...SEGMENTATION_HYPER, labelSmoothing: 0.1 }, 'segmentation')[0].field).toBe(
      'labelSmoothing',
    );
    const text = serializeHyper({ ...SEGMENTATION_HYPER, backgroundWeight: 0.25 });
    expect(parseHyper(text)).toEqual({ ok: true, hyper: { ...SEGMENTATION_HYPER, backgroundWeight: 0.25 } });
  });
});

describe('the PyTorch bundle of a dense design', () => {
  it('holds model.py with the scenes, train.py for the task and a README that says how it draws them', () => {
    const spec = presetSpec('centernet');
    const files = unzip(exportBundle(spec, SEGMENTATION_HYPER, randomWeights(spec, 3)));
    expect(files.map((f) => f.name)).toEqual([
      'model.py',
      'weights.safetensors',
      'train.py',
      'convert_pt.py',
      'README.txt',
    ]);
    const text = (name: string) => new TextDecoder().decode(files.find((f) => f.name === name)!.data);
    expect(text('model.py')).toContain(
      "SCENE = {'side': 64, 'min_digits': 1, 'max_digits': 3, 'min_scale': 20, 'max_scale': 36, 'clutter': 0, 'noise': 0}",
    );
    expect(text('model.py')).toContain('STRIDE = 4  # scene pixels per cell of the head');
    expect(text('train.py')).toContain('def loss_fn(output, masks, boxes):');
    const readme = text('README.txt');
    expect(readme).toContain("train.py draws the playground's scenes from MNIST's four IDX files");
    expect(readme).not.toContain('torchrun');
  });
});
