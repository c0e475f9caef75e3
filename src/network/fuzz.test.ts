import { describe, expect, it } from 'vitest';
import { analyzeSpec } from './analyze';
import { DEFAULT_HYPER } from './hyper';
import { applyFix } from './issues';
import { PRESETS } from './presets';
import { parseSpec, serializeSpec } from './serialize';
import { decodeShareState, encodeShareState } from './share';
import { randomSpec, seededRng } from './testing/random-spec';

describe('fuzzed specs', () => {
  it('500 random stacks are each accepted with consistent positive shapes, or rejected with messages', () => {
    const rng = seededRng(20261125);
    let accepted = 0;
    for (let n = 0; n < 500; n++) {
      const spec = randomSpec(rng);
      const a = analyzeSpec(spec);
      const parsed = parseSpec(serializeSpec(spec));
      // A file round-trips unless it holds absurd sizes, and the parser never refuses what the analysis accepts.
      if (parsed.ok) expect(parsed.spec).toEqual(spec);
      else
        expect([a.valid, parsed.error]).toEqual([false, expect.stringMatching(/too large|must be one of/)]);
      if (a.valid) {
        accepted++;
        let shape: number[] = spec.input.shape;
        for (const layer of a.layers) {
          expect(layer.inputShape).toEqual(shape);
          expect(layer.outputShape!.every((d) => Number.isInteger(d) && d > 0)).toBe(true);
          shape = layer.outputShape!;
        }
        expect(a.outputShape).toEqual(shape);
        expect(Number.isFinite(a.totalParams) && Number.isFinite(a.totalFlops)).toBe(true);
      } else {
        const errors = a.issues.filter((i) => i.severity === 'error');
        expect(errors.length).toBeGreaterThan(0);
        for (const issue of a.issues) {
          expect(issue.message).toMatch(/^(layer \d+|the |a |only |[A-Z]\w+ expects)/);
          if (issue.fix) expect(applyFix(spec, issue.fix)).not.toEqual(spec);
        }
      }
    }
    // Both outcomes must be exercised for the fuzz to mean anything.
    expect(accepted).toBeGreaterThan(20);
    expect(accepted).toBeLessThan(480);
  });

  it('mutated files and links never throw: each parses or gives a message', () => {
    const rng = seededRng(7);
    const texts = PRESETS.map((p) => serializeSpec(p.spec));
    const tokens = [
      '{',
      '}',
      '[',
      ']',
      '"',
      ',',
      ':',
      '1e999',
      '-1',
      'null',
      '"__proto__"',
      '0.5',
      'true',
      '\\',
    ];
    for (let n = 0; n < 2000; n++) {
      const text = texts[n % texts.length];
      const at = Math.floor(rng() * text.length);
      const mutated =
        text.slice(0, at) +
        tokens[Math.floor(rng() * tokens.length)] +
        text.slice(at + Math.floor(rng() * 3));
      const r = parseSpec(mutated);
      if (!r.ok) expect(r.error).toMatch(/^the design /);
      const link = encodeShareState({ spec: PRESETS[n % PRESETS.length].spec, hyper: DEFAULT_HYPER });
      const cut = Math.floor(rng() * link.length);
      const d = decodeShareState(link.slice(0, cut) + 'A_-'.charAt(n % 3) + link.slice(cut + 1));
      if (!d.ok) expect(d.error).toMatch(/^the share link /);
    }
  });
});
