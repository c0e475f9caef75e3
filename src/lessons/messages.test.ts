// Lessons in Simplified Chinese: every built-in lesson's title, summary and each step's title, text and
// action come from the zh-CN catalogue; a teacher's own lesson, unknown to it, keeps its own words.
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n';
import { CATALOG } from './catalog';
import { lessonSummary, lessonTitle, stepWords } from './messages';
import type { Lesson } from './schema';

afterEach(() => setLanguage('en'));

const CJK = /[\u4e00-\u9fff]/;

describe('lessons in zh-CN', () => {
  it('give every built-in lesson and step in Chinese, and the files’ English again after', async () => {
    await setLanguage('zh-CN');
    expect(CATALOG.lessons.length).toBeGreaterThan(0);
    for (const lesson of CATALOG.lessons) {
      expect(lessonTitle(lesson), lesson.id).toMatch(CJK);
      expect(lessonSummary(lesson), lesson.id).toMatch(CJK);
      for (const step of lesson.steps)
        for (const [field, words] of Object.entries(stepWords(lesson, step)))
          expect(words, `${lesson.id}.${step.id}.${field}`).toMatch(CJK);
    }
    const pooling = CATALOG.lessons.find((l) => l.id === 'pooling')!;
    expect(
      stepWords(
        pooling,
        pooling.steps.find((s) => s.id === 'shape')!,
      ).action,
    ).toBe('把窗口设为 4，让 28×28 的特征图变成 7×7。');
    await setLanguage('en');
    const step = pooling.steps[0];
    expect(stepWords(pooling, step)).toEqual({ title: step.title, text: step.text, action: step.action });
  });

  it("keep a teacher's own lesson in its own words", async () => {
    const own = {
      ...CATALOG.lessons[0],
      id: 'my-own',
      title: 'My lesson',
      summary: 'Mine.',
      steps: [{ ...CATALOG.lessons[0].steps[0], title: 'Step one', text: 'Read.', action: 'Go.' }],
    } as Lesson;
    await setLanguage('zh-CN');
    expect([lessonTitle(own), lessonSummary(own)]).toEqual(['My lesson', 'Mine.']);
    expect(stepWords(own, own.steps[0])).toEqual({ title: 'Step one', text: 'Read.', action: 'Go.' });
  });
});
