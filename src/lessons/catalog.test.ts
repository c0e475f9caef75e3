import { describe, expect, it } from 'vitest';
import { analyzeSpec } from '../network/analyze';
import { applyFix } from '../network/issues';
import { buildCatalog, CATALOG } from './catalog';
import { placeFromQuery, lessonLink } from './link';
import { parseLesson, type Lesson } from './schema';
import { setupDesign } from './setup';

const lesson = (id: string) => CATALOG.lessons.find((l) => l.id === id) as Lesson;

describe('the built-in lessons', () => {
  it('all seven files validate, numbered 1 to 7 in order', () => {
    expect(CATALOG.refused).toEqual([]);
    expect(CATALOG.lessons.map((l) => l.number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('every setup builds its design, and every layer a check names exists in the design of its step', () => {
    for (const l of CATALOG.lessons) {
      let design = null;
      for (const step of l.steps) {
        if (step.setup) design = setupDesign(step.setup) ?? design;
        const leaves = step.check.kind === 'all' ? step.check.checks : [step.check];
        for (const check of leaves)
          if (check.kind === 'layerParam') {
            const layer = design?.spec.layers.find((x) => x.id === check.layer);
            expect(layer, `${l.id}/${step.id}: ${check.layer}`).toBeDefined();
            expect(check.param in (layer as object), `${l.id}/${step.id}: ${check.param}`).toBe(true);
          }
      }
    }
  });

  it('every button an action tells the learner to press is among the controls the e2e walk finds on the page', () => {
    // "Press Train GAN and …" names "Train GAN"; "press Done" is the step's own button.
    // A comma between digits (a step count such as 2,500) is part of the name; any other ends it.
    const pressed =
      /\b[Pp]ress ([A-Z](?:[^,.;:()]|,(?=\d))*?)(?=,(?!\d)| and | then | in | to | until|\.|$)/g;
    let found = 0;
    for (const l of CATALOG.lessons)
      for (const step of l.steps) {
        const buttons = step.controls.flatMap((c) => ('role' in c && c.role === 'button' ? [c.name] : []));
        for (const [, name] of step.action.matchAll(pressed)) {
          if (name.startsWith('Done')) continue;
          found++;
          expect(
            buttons.some((b) => b === name || b === `Add ${name}`),
            `${l.id}/${step.id}: "${name}" is not in its controls`,
          ).toBe(true);
        }
      }
    expect(found).toBeGreaterThan(10);
  });

  it('lesson 3 loads the tutorial as written: the two shape bugs, each with the one-click fix the text names', () => {
    const steps = lesson('tutorial-cnn').steps;
    let spec = setupDesign(steps[0].setup!)!.spec;
    const errors = () => analyzeSpec(spec).issues.filter((i) => i.severity === 'error');
    expect(errors().map((i) => i.fix?.label)).toEqual(['Set in_channels = 1', 'Set in_features = 1600']);
    // The controls of steps 2 and 3 name these buttons ("Fix: " + label).
    expect(steps[1].controls).toEqual([{ role: 'button', name: 'Fix: Set in_channels = 1' }]);
    expect(steps[2].controls).toEqual([{ role: 'button', name: 'Fix: Set in_features = 1600' }]);
    for (const issue of errors()) spec = applyFix(spec, issue.fix!);
    expect(analyzeSpec(spec).valid).toBe(true);
  });

  it('lesson 6 loads the DCGAN pair', () => {
    const design = setupDesign(lesson('gan').steps[0].setup!);
    expect(design?.spec.task).toBe('generator');
    expect(design?.discriminator?.task).toBe('discriminator');
  });

  it('lesson 7 loads a U-Net and a detector on 32×32 scenes, each valid there', () => {
    const [, seg, det] = lesson('applications').steps;
    for (const [step, task] of [
      [seg, 'segmentation'],
      [det, 'detection'],
    ] as const) {
      const spec = setupDesign(step.setup!)!.spec;
      expect(spec.task).toBe(task);
      expect(spec.input.shape).toEqual([1, 32, 32]);
      expect(analyzeSpec(spec).valid).toBe(true);
    }
    expect(() => setupDesign({ preset: 'mlp', sceneSide: 32 })).toThrow(/mlp does not train on scenes/);
  });
});

describe('lesson files from elsewhere', () => {
  const good = structuredClone(lesson('pooling')) as unknown as Record<string, unknown>;

  it('name the first problem and where it is', () => {
    expect(parseLesson({ ...good, format: 'x' })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^format:/),
    });
    const steps = structuredClone(good.steps) as Record<string, unknown>[];
    steps[1].check = { kind: 'eval', code: 'alert(1)' };
    expect(parseLesson({ ...good, steps })).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^steps\.1\.check/),
    });
    steps[1].check = { kind: 'read' };
    steps[1].id = steps[0].id;
    expect(parseLesson({ ...good, steps })).toEqual({
      ok: false,
      error: `two steps have the id "${steps[0].id}"`,
    });
    expect(parseLesson(null).ok).toBe(false);
    expect(parseLesson({ ...good, title: 'x'.repeat(81) }).ok).toBe(false);
  });

  it('a refused file is left out with its reason; a duplicate id is refused', () => {
    const catalog = buildCatalog({ 'a.json': good, 'b.json': good, 'c.json': { format: 1 } });
    expect(catalog.lessons).toHaveLength(1);
    expect(catalog.refused.map((r) => r.file)).toEqual(['b.json', 'c.json']);
    expect(catalog.refused[0].error).toBe('another lesson already has the id "pooling"');
  });

  it('a setup edit naming a missing layer is refused with a message', () => {
    expect(() =>
      setupDesign({ preset: 'mlp', edits: [{ layer: 'conv9', param: 'stride', value: 2 }] }),
    ).toThrow('the lesson edits a layer "conv9" that mlp does not have');
  });
});

describe('lesson links', () => {
  const find = (id: string) => CATALOG.lessons.find((l) => l.id === id);
  it('round-trip, clamping the step and ignoring unknown lessons', () => {
    const link = lessonLink('http://127.0.0.1:4306/app/?x=1#design=abc', { lessonId: 'pooling', step: 2 });
    expect(link).toBe('http://127.0.0.1:4306/app/?lesson=pooling&step=3');
    expect(placeFromQuery(new URL(link).search, find)).toEqual({ lessonId: 'pooling', step: 2 });
    expect(placeFromQuery('?lesson=pooling&step=99', find)).toEqual({ lessonId: 'pooling', step: 3 });
    expect(placeFromQuery('?lesson=pooling&step=zero', find)).toEqual({ lessonId: 'pooling', step: 0 });
    expect(placeFromQuery('?lesson=nope', find)).toBeNull();
    expect(placeFromQuery('', find)).toBeNull();
  });

  it('carry the language they were made in', () => {
    const link = lessonLink('http://127.0.0.1:4306/app/?lang=en', { lessonId: 'gan', step: 0 }, 'zh-CN');
    expect(link).toBe('http://127.0.0.1:4306/app/?lesson=gan&step=1&lang=zh-CN');
    expect(placeFromQuery(new URL(link).search, find)).toEqual({ lessonId: 'gan', step: 0 });
  });
});
