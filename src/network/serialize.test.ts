import { describe, expect, it } from 'vitest';
import { DCGAN_HYPER, DEFAULT_HYPER } from './hyper';
import { PRESETS, presetSpec } from './presets';
import { nestingDepth } from './safe-json';
import { parseHyper, parseSpec, serializeHyper, serializeSpec } from './serialize';
import { MAX_SHARE_CHARS, decodeShareState, encodeShareState, fromBase64Url, toBase64Url } from './share';
import { L, net } from './testing/build';

const lenetText = () => serializeSpec(presetSpec('lenet-5'));
const errorOf = (text: string) => {
  const r = parseSpec(text);
  return r.ok ? 'accepted' : r.error;
};
/** LeNet-5's JSON with one edit applied to the parsed object. */
function edited(
  edit: (spec: Record<string, unknown> & { layers: Record<string, unknown>[] }) => void,
): string {
  const raw = JSON.parse(lenetText());
  edit(raw);
  return JSON.stringify(raw);
}

describe('spec round trip', () => {
  it.each(PRESETS.map((p) => [p.id, p.spec] as const))('%s round-trips exactly', (_id, spec) => {
    const text = serializeSpec(spec);
    const parsed = parseSpec(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.spec).toEqual(spec);
    expect(serializeSpec(parsed.spec)).toBe(text);
  });

  it('writes keys in a stable order regardless of how the spec was built', () => {
    const a = net([L('Conv2d', { out_channels: 3 })]);
    const layer = a.layers[0];
    const shuffled = { ...a, layers: [Object.fromEntries(Object.entries(layer).reverse()) as typeof layer] };
    expect(serializeSpec(shuffled)).toBe(serializeSpec(a));
    expect(Object.keys(JSON.parse(serializeSpec(a)))).toEqual([
      'version',
      'name',
      'task',
      'input',
      'autoWire',
      'layers',
    ]);
    expect(Object.keys(JSON.parse(serializeSpec(a)).layers[0])).toEqual([
      'kind',
      'id',
      'in_channels',
      'out_channels',
      'kernel_size',
      'stride',
      'padding',
      'dilation',
      'groups',
      'bias',
    ]);
  });

  it('keeps designs with errors loadable, so the builder can show them', () => {
    const broken = net([L('Conv2d', { kernel_size: 0, padding: -1 }), L('Linear', { out_features: 20 })], {
      autoWire: false,
    });
    const parsed = parseSpec(serializeSpec(broken));
    expect(parsed.ok && parsed.spec).toEqual(broken);
  });

  it('fills PyTorch defaults for optional parameters (pool stride = kernel_size) and derives missing ids', () => {
    const text = JSON.stringify({
      version: 1,
      name: 'hand written',
      task: 'classification',
      input: { dataset: 'mnist', shape: [1, 28, 28] },
      autoWire: true,
      layers: [
        { kind: 'Conv2d', in_channels: 1, out_channels: 4, kernel_size: 3 },
        { kind: 'MaxPool2d', kernel_size: 3 },
        { kind: 'Flatten' },
        { kind: 'Linear', in_features: 256, out_features: 10 },
      ],
    });
    const parsed = parseSpec(text);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.spec.layers[0]).toEqual({
      kind: 'Conv2d',
      id: 'conv2d1',
      in_channels: 1,
      out_channels: 4,
      kernel_size: 3,
      stride: 1,
      padding: 0,
      dilation: 1,
      groups: 1,
      bias: true,
    });
    expect(parsed.spec.layers[1]).toMatchObject({
      id: 'maxpool2d2',
      stride: 3,
      padding: 0,
      dilation: 1,
      ceil_mode: false,
    });
  });
});

describe('hostile input is refused with a message', () => {
  it('a string just over the limit gives both exact lengths, not "1.0 MB, more than the 1.0 MB limit"', () => {
    expect(errorOf(' '.repeat(1_000_001))).toBe(
      'the design is 1,000,001 characters, more than the 1,000,000 characters limit',
    );
  });

  it('a 100 MB string is refused before parsing', () => {
    const huge = ' '.repeat(100 * 1024 * 1024);
    const started = performance.now();
    expect(errorOf(huge)).toBe('the design is 104.9 MB, more than the 1.0 MB limit');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('10,000-deep nesting is refused without recursion', () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    expect(errorOf(deep)).toBe('the design is nested too deeply (more than 16 levels)');
    expect(errorOf(`{"name": ${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`)).toBe(
      'the design is nested too deeply (more than 16 levels)',
    );
    // Brackets inside strings do not count.
    expect(nestingDepth('{"a": "[[[[[[[[\\"[[[["}', 16)).toBe(1);
  });

  it('prototype-pollution keys anywhere are refused, and nothing is polluted', () => {
    expect(errorOf('{"__proto__": {"polluted": true}}')).toBe(
      'the design contains the forbidden key __proto__ (at $.__proto__)',
    );
    expect(errorOf(edited((s) => (s.layers[0] = { ...s.layers[0], constructor: { prototype: {} } })))).toBe(
      'the design contains the forbidden key constructor (at $.layers[0].constructor)',
    );
    expect(errorOf(lenetText().replace('"name": "LeNet-5"', '"name": "x", "prototype": 1'))).toMatch(
      /forbidden key prototype/,
    );
    const nested = lenetText().replace(
      '"layers": [',
      '"layers": [{"kind": "ReLU", "id": "r", "x": {"__proto__": {"polluted": 1}}},',
    );
    expect(errorOf(nested)).toBe(
      'the design contains the forbidden key __proto__ (at $.layers[0].x.__proto__)',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('wrong types anywhere are named', () => {
    expect(errorOf('"a string"')).toBe('the design is not valid: a spec must be an object, not string');
    expect(errorOf('[1, 2]')).toBe('the design is not valid: a spec must be an object, not a list');
    expect(errorOf('not json')).toMatch(/^the design is not valid JSON \(/);
    expect(errorOf(edited((s) => (s.layers = {} as never)))).toBe(
      'the design is not valid: layers must be a list, not an object',
    );
    expect(errorOf(edited((s) => (s.layers[0].out_channels = '6')))).toBe(
      'the design is not valid: layer 1 (Conv2d): out_channels must be a number, not string',
    );
    expect(errorOf(edited((s) => (s.layers[0].bias = 1)))).toBe(
      'the design is not valid: layer 1 (Conv2d): bias must be true or false, not number',
    );
    expect(errorOf(edited((s) => (s.layers[0].kernel_size = 2.5)))).toBe(
      'the design is not valid: layer 1 (Conv2d): kernel_size must be a whole number (got 2.5)',
    );
    expect(errorOf(edited((s) => (s.autoWire = 'yes')))).toBe(
      'the design is not valid: autoWire must be true or false',
    );
    expect(errorOf(edited((s) => (s.layers[3] = null as never)))).toBe(
      'the design is not valid: layer 4 must be an object, not null',
    );
  });

  it('unknown kinds, fields and versions are refused', () => {
    expect(errorOf(edited((s) => (s.layers[0].kind = 'Conv3d')))).toMatch(
      /^the design is not valid: layer 1 has an unknown kind "Conv3d"; known kinds: Conv2d, /,
    );
    expect(errorOf(edited((s) => (s.layers[1].inplace = true)))).toBe(
      'the design is not valid: layer 2 (ReLU) has an unknown field "inplace"',
    );
    expect(errorOf(edited((s) => (s.extra = 1)))).toBe(
      'the design is not valid: the spec has an unknown field "extra"',
    );
    expect(errorOf(edited((s) => (s.version = 3)))).toBe(
      'the design is not valid: this spec has version 3; this app reads versions 1 and 2: update the app',
    );
    expect(errorOf(edited((s) => (s.layers[1].id = s.layers[0].id)))).toBe(
      'the design is not valid: layer 2 (ReLU) repeats the id "conv1" of an earlier layer',
    );
    expect(errorOf(edited((s) => delete s.layers[0].kernel_size))).toBe(
      'the design is not valid: layer 1 (Conv2d) is missing kernel_size',
    );
  });

  it('huge dimensions, non-finite numbers and too many layers are refused', () => {
    expect(errorOf(edited((s) => (s.layers[0].out_channels = 1e9)))).toBe(
      'the design is not valid: layer 1 (Conv2d): out_channels 1000000000 is too large: at most 4096',
    );
    expect(errorOf(lenetText().replace('"out_features": 120', '"out_features": 1e999'))).toBe(
      'the design is not valid: layer 8 (Linear): out_features must be a finite number',
    );
    expect(
      errorOf(
        edited((s) => (s.layers = Array.from({ length: 65 }, (_, i) => ({ kind: 'ReLU', id: `r${i}` })))),
      ),
    ).toBe('the design is not valid: the spec has 65 layers; the limit is 64');
    expect(errorOf(edited((s) => (s.input = { dataset: 'mnist', shape: [3, 32, 32] })))).toBe(
      'the design is not valid: input.shape must be [1, 28, 28]',
    );
    expect(errorOf(edited((s) => (s.name = 'x'.repeat(101))))).toBe(
      'the design is not valid: name must be text of at most 100 characters',
    );
  });

  it('a generator needs a consistent latentDim', () => {
    const g = JSON.parse(serializeSpec(presetSpec('dcgan-generator')));
    expect(errorOf(JSON.stringify({ ...g, latentDim: 16 }))).toBe(
      'the design is not valid: input.shape must be [16] (the noise vector, latentDim values)',
    );
    expect(errorOf(JSON.stringify({ ...g, latentDim: undefined }))).toBe(
      'the design is not valid: a generator spec needs latentDim (the length of its noise vector)',
    );
    expect(errorOf(edited((s) => (s.latentDim = 8)))).toBe(
      'the design is not valid: only a generator has latentDim; this is a classification spec',
    );
  });
});

describe('hyperparameters', () => {
  it('round-trip exactly, with and without a loss', () => {
    for (const h of [
      DEFAULT_HYPER,
      DCGAN_HYPER,
      { ...DEFAULT_HYPER, optimizer: 'sgd' as const, nesterov: true, lr: 0.05 },
    ]) {
      const parsed = parseHyper(serializeHyper(h));
      expect(parsed.ok && parsed.hyper).toEqual(h);
    }
  });

  it('fill missing fields from the defaults and refuse wrong types, unknown fields and bad ranges', () => {
    expect(parseHyper('{"lr": 0.01}')).toEqual({ ok: true, hyper: { ...DEFAULT_HYPER, lr: 0.01 } });
    expect(parseHyper('{"lr": "fast"}')).toEqual({
      ok: false,
      error: 'the hyperparameters are not valid: lr must be a number, not string',
    });
    expect(parseHyper('{"optimizer": "rmsprop"}')).toEqual({
      ok: false,
      error: 'the hyperparameters are not valid: optimizer must be one of sgd, adam, adamw',
    });
    expect(parseHyper('{"lr": 0.01, "script": "x"}')).toEqual({
      ok: false,
      error: 'the hyperparameters are not valid: the hyperparameters has an unknown field "script"',
    });
    expect(parseHyper('{"batchSize": 1e9}')).toEqual({
      ok: false,
      error:
        'the hyperparameters are not valid: batchSize must be a whole number from 1 to 1024 (got 1000000000)',
    });
    expect(parseHyper('{"__proto__": {"lr": 1}}')).toEqual({
      ok: false,
      error: 'the hyperparameters contains the forbidden key __proto__ (at $.__proto__)',
    });
    expect(parseHyper('{"lr": 100}').ok).toBe(true); // allowed on purpose: the divergence detector handles it
  });
});

describe('share links', () => {
  it('round-trip design and hyperparameters through base64url', () => {
    for (const preset of PRESETS) {
      const encoded = encodeShareState({ spec: preset.spec, hyper: { ...preset.hyper, seed: 1234 } });
      expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
      const decoded = decodeShareState(`#${encoded}`);
      expect(decoded).toEqual({ ok: true, spec: preset.spec, hyper: { ...preset.hyper, seed: 1234 } });
    }
  });

  it('base64url matches the standard encoding for every tail length and non-ASCII text', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'abcd', 'Größe ×28 ≤ 4 🙂']) {
      const bytes = new TextEncoder().encode(text);
      const standard = Buffer.from(bytes).toString('base64url');
      expect(toBase64Url(bytes)).toBe(standard);
      expect(new TextDecoder().decode(fromBase64Url(standard)!)).toBe(text);
    }
    expect(fromBase64Url('abc=')).toBeNull();
    expect(fromBase64Url('a')).toBeNull();
  });

  it('refuse oversized, damaged and hostile links with a message', () => {
    expect(decodeShareState('A'.repeat(MAX_SHARE_CHARS + 1))).toEqual({
      ok: false,
      error: 'the share link is 65,537 characters long, more than the 65,536 allowed',
    });
    expect(decodeShareState('#not base64!')).toEqual({
      ok: false,
      error: 'the share link is damaged (it is not base64url text)',
    });
    expect(decodeShareState(toBase64Url(new Uint8Array([0xff, 0xfe, 0x00])))).toEqual({
      ok: false,
      error: 'the share link is damaged (it does not decode to text)',
    });
    const enc = (value: string) => toBase64Url(new TextEncoder().encode(value));
    expect(decodeShareState(enc('{"v":1,"spec":{"__proto__":{}},"hyper":{}}'))).toEqual({
      ok: false,
      error: 'the share link contains the forbidden key __proto__ (at $.spec.__proto__)',
    });
    expect(decodeShareState(enc('['.repeat(5000)))).toEqual({
      ok: false,
      error: 'the share link is nested too deeply (more than 16 levels)',
    });
    const spec = JSON.parse(serializeSpec(presetSpec('mlp')));
    spec.layers[1].out_features = 1e9;
    expect(decodeShareState(enc(JSON.stringify({ v: 1, spec, hyper: DEFAULT_HYPER })))).toEqual({
      ok: false,
      error:
        'the share link is not valid: layer 2 (Linear): out_features 1000000000 is too large: at most 1048576',
    });
    expect(
      decodeShareState(
        enc(JSON.stringify({ v: 1, spec: presetSpec('mlp'), hyper: { ...DEFAULT_HYPER, lr: -1 } })),
      ),
    ).toEqual({
      ok: false,
      error: 'the share link is not valid: learning rate must be above 0 and at most 1000 (got -1)',
    });
    expect(decodeShareState(enc('{"v":3}'))).toEqual({
      ok: false,
      error: 'the share link is not valid: it has version 3; this app reads versions 1 and 2',
    });
  });
});
