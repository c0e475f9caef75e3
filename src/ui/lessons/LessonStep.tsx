// One lesson step: its text, the one action, the widget if it has one, and the check's state, which the
// app's own state decides (met when the learner has done the action, wherever they did it).
import { currentLanguage } from '../../i18n';
import { lessonTitle } from '../../lessons/messages';
import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { checkMet, needsRead } from '../../lessons/checks';
import { lessonLink } from '../../lessons/link';
import type { Lesson } from '../../lessons/schema';
import { showPanelNamed } from '../shell/PanelTabs';
import { useStore } from '../store/store';
import { applySetup } from './apply-setup';
import { useClassroom } from './classroom-store';
import { lessonViewOf } from './lesson-view';
import { saveProgress } from './progress';
import { StepText } from './StepText';
import { GapMeter } from './widgets/GapMeter';
import { KernelLab } from './widgets/KernelLab';
import { PoolLab } from './widgets/PoolLab';
import { TransposeLab } from './widgets/TransposeLab';

const WIDGETS = { kernel: KernelLab, pool: PoolLab, transpose: TransposeLab, gap: GapMeter };

/** Whether the app has the panel a lesson needs (another part of the app adds it as a labelled region). */
const hasPanel = (need: string) => document.querySelector(`section[aria-label*="${need}" i]`) !== null;

export function LessonStep({ lesson, index }: { lesson: Lesson; index: number }) {
  const { t } = useTranslation();
  const step = lesson.steps[index];
  const readKey = `${lesson.id}/${step.id}`;
  const room = useClassroom();
  const met = useStore((s) => checkMet(step.check, lessonViewOf(s, room, readKey)));
  const { goTo, markRead, setProgress } = room;
  const setup = step.setup;

  useEffect(() => {
    if (setup) applySetup(setup);
  }, [setup]);

  // The controls the step names are in its panel: open it with the step. A step without one works on the
  // diagram and the core loop, and gets the whole builder back.
  const panel = step.panel;
  useEffect(() => {
    if (panel) showPanelNamed(panel);
    else useStore.getState().openPanel(null);
  }, [panel, step.id]);

  const alreadyDone = (room.progress[lesson.id] ?? []).includes(step.id);
  useEffect(() => {
    if (!met || alreadyDone) return;
    const { progress } = useClassroom.getState();
    const next = [...(progress[lesson.id] ?? []), step.id];
    setProgress({ ...progress, [lesson.id]: next });
    void saveProgress(lesson.id, next);
  }, [met, alreadyDone, step.id, lesson.id, setProgress]);

  const Widget = step.widget ? WIDGETS[step.widget] : null;
  const last = index === lesson.steps.length - 1;
  const link = lessonLink(location.href, { lessonId: lesson.id, step: index }, currentLanguage());
  return (
    <article className="lesson-step" data-lesson={lesson.id} data-step={step.id}>
      <p className="muted">
        {t('lessonStep.lessonStepOf', {
          number: lesson.number,
          title: lessonTitle(lesson),
          index: index + 1,
          steps: lesson.steps.length,
        })}
      </p>
      <h3>{step.title}</h3>
      {lesson.needs && !hasPanel(lesson.needs) && (
        <p className="lesson-needs" role="note">
          {t('lessonStep.thisLessonNeedsThe', { needs: lesson.needs })}
        </p>
      )}
      <p>
        <StepText text={step.text} />
      </p>
      <p className="lesson-action">
        <strong>{t('lessonStep.do')}</strong> {step.action}
      </p>
      {Widget && <Widget />}
      <p
        className={met ? 'lesson-check met' : 'lesson-check'}
        data-testid="lesson-check"
        data-met={met}
        role="status"
      >
        {met ? t('lessonStep.done') : t('lessonStep.waitingForYouTo')}
        {needsRead(step.check) && !room.read[readKey] && (
          <>
            {' '}
            <button type="button" onClick={() => markRead(readKey)}>
              {t('lessonStep.done2')}
            </button>
          </>
        )}
      </p>
      <nav className="lesson-nav" aria-label={t('lessonStep.lessonSteps')}>
        <button
          type="button"
          onClick={() => goTo(index > 0 ? { lessonId: lesson.id, step: index - 1 } : null)}
        >
          {index > 0 ? t('lessonStep.back') : t('lessonStep.allLessons')}
        </button>
        <button
          type="button"
          className="primary"
          disabled={!met}
          onClick={() => goTo(last ? null : { lessonId: lesson.id, step: index + 1 })}
        >
          {last ? t('lessonStep.finishLesson') : t('lessonStep.nextStep')}
        </button>
        <a href={link} data-testid="lesson-link">
          {t('lessonStep.linkToThisStep')}
        </a>
      </nav>
    </article>
  );
}
