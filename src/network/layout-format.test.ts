// The diagram's node positions in a design: optional, written after the layers in the design's own order,
// read strictly, and ignored by everything but the diagram. Designs without one read and write as before.
import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER } from './hyper';
import { presetSpec } from './presets';
import { MAX_LAYOUT_COORDINATE } from './spec-schema';
import { parseSpec, serializeSpec } from './serialize';
import { decodeShareState, encodeShareState } from './share';
import type { NetworkSpec } from './spec';

const placed = (): NetworkSpec => ({
  ...presetSpec('tiny-cnn'),
  // Keys out of order on purpose: the file lists the input, then the layers in their order.
  layout: { relu1: { x: 240, y: 0 }, conv1: { x: 120, y: -8.5 }, input: { x: 0, y: 0 } },
});

const errorOf = (edit: (raw: Record<string, unknown>) => void) => {
  const raw = JSON.parse(serializeSpec(placed())) as Record<string, unknown>;
  edit(raw);
  const r = parseSpec(JSON.stringify(raw));
  return r.ok ? 'accepted' : r.error;
};

describe('diagram layout in a design', () => {
  it('round-trips exactly, written last with the input first and then the layers in order', () => {
    const text = serializeSpec(placed());
    const raw = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(raw).at(-1)).toBe('layout');
    expect(Object.keys(raw.layout as object)).toEqual(['input', 'conv1', 'relu1']);
    const parsed = parseSpec(text);
    expect(parsed.ok && parsed.spec).toEqual(placed());
    expect(parsed.ok && serializeSpec(parsed.spec)).toBe(text);
  });

  it('drops positions of layers the design no longer has, and an empty layout altogether', () => {
    const spec = placed();
    const removed = { ...spec, layers: spec.layers.filter((l) => l.id !== 'relu1') };
    expect(JSON.parse(serializeSpec(removed)).layout).toEqual({
      input: { x: 0, y: 0 },
      conv1: { x: 120, y: -8.5 },
    });
    const none = { ...spec, layout: { gone: { x: 1, y: 2 } } };
    expect('layout' in JSON.parse(serializeSpec(none))).toBe(false);
    const empty = parseSpec(JSON.stringify({ ...JSON.parse(serializeSpec(spec)), layout: {} }));
    expect(empty.ok && 'layout' in empty.spec).toBe(false);
  });

  it('leaves a design without positions as it was', () => {
    const text = serializeSpec(presetSpec('lenet-5'));
    expect(text).not.toContain('layout');
    const parsed = parseSpec(text);
    expect(parsed.ok && 'layout' in parsed.spec).toBe(false);
  });

  it('refuses positions that are not well-formed, with the place named', () => {
    expect(errorOf((raw) => (raw.layout = [1, 2]))).toBe(
      'the design is not valid: layout must be an object of positions by layer id, not a list',
    );
    expect(errorOf((raw) => ((raw.layout as Record<string, unknown>).ghost = { x: 0, y: 0 }))).toBe(
      'the design is not valid: layout names "ghost", which is no layer of this design',
    );
    expect(errorOf((raw) => ((raw.layout as Record<string, unknown>).conv1 = { x: 0 }))).toBe(
      `the design is not valid: layout of "conv1": y must be a number from -${MAX_LAYOUT_COORDINATE} to ${MAX_LAYOUT_COORDINATE}`,
    );
    expect(errorOf((raw) => ((raw.layout as Record<string, unknown>).conv1 = { x: 1e9, y: 0 }))).toMatch(
      /layout of "conv1": x must be a number/,
    );
    expect(errorOf((raw) => ((raw.layout as Record<string, unknown>).conv1 = { x: 0, y: 0, z: 1 }))).toBe(
      'the design is not valid: layout of "conv1" has an unknown field "z"',
    );
    expect(errorOf((raw) => ((raw.layout as Record<string, unknown>).input = 'left'))).toBe(
      'the design is not valid: layout of "input" must be an object {x, y}, not string',
    );
  });

  it('travels in share links', () => {
    const decoded = decodeShareState(`#${encodeShareState({ spec: placed(), hyper: DEFAULT_HYPER })}`);
    expect(decoded.ok && decoded.spec).toEqual(placed());
  });
});
