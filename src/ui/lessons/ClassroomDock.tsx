// The classroom's one entry point in the page: the Lessons, Challenge and Teacher view buttons, an open
// challenge's locks, and the open panel beside the app (the page keeps a margin for it, so nothing the lesson names is covered).
import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { ChallengeLocks } from '../challenges/ChallengeLocks';
import { ChallengePanel } from '../challenges/ChallengePanel';
import { TeacherView } from '../challenges/TeacherView';
import { useClassroom, type ClassroomPanel } from './classroom-store';
import { LessonsPanel } from './LessonsPanel';
import { useClassroomLinks } from './useClassroomLinks';
import './classroom.css';

/** Each panel and its label's key in the ui catalogue. */
const PANELS: { id: ClassroomPanel; label: string }[] = [
  { id: 'lessons', label: 'classroomDock.lessons' },
  { id: 'challenge', label: 'classroomDock.challenge' },
  { id: 'teacher', label: 'classroomDock.teacher' },
];

export function ClassroomDock() {
  const { t } = useTranslation();
  useClassroomLinks();
  const panel = useClassroom((s) => s.panel);
  const openPanel = useClassroom((s) => s.openPanel);
  useEffect(() => {
    document.body.classList.toggle('classroom-open', panel !== null);
  }, [panel]);
  return (
    <>
      <nav className="classroom-bar" aria-label={t('classroomDock.classroom')}>
        {PANELS.map((p) => (
          <button
            key={p.id}
            type="button"
            aria-pressed={panel === p.id}
            onClick={() => openPanel(panel === p.id ? null : p.id)}
          >
            {t(p.label)}
          </button>
        ))}
        <ChallengeLocks />
      </nav>
      {panel && (
        <aside className="classroom-panel" aria-label={t(PANELS.find((p) => p.id === panel)?.label ?? '')}>
          <button
            type="button"
            className="classroom-close"
            aria-label={t('classroomDock.closeTheClassroomPanel')}
            onClick={() => openPanel(null)}
          >
            ×
          </button>
          {panel === 'lessons' && <LessonsPanel />}
          {panel === 'challenge' && <ChallengePanel />}
          {panel === 'teacher' && <TeacherView />}
        </aside>
      )}
    </>
  );
}
