// The classroom's one entry point in the page: the Lessons, Challenge and Teacher view buttons, an open
// challenge's locks, and the open panel beside the app (the page keeps a margin for it, so nothing the lesson names is covered).
import { useEffect } from 'react';
import { ChallengeLocks } from '../challenges/ChallengeLocks';
import { ChallengePanel } from '../challenges/ChallengePanel';
import { TeacherView } from '../challenges/TeacherView';
import { useClassroom, type ClassroomPanel } from './classroomStore';
import { LessonsPanel } from './LessonsPanel';
import { useClassroomLinks } from './useClassroomLinks';
import './classroom.css';

const PANELS: { id: ClassroomPanel; label: string }[] = [
  { id: 'lessons', label: 'Lessons' },
  { id: 'challenge', label: 'Challenge' },
  { id: 'teacher', label: 'Teacher view' },
];

export function ClassroomDock() {
  useClassroomLinks();
  const panel = useClassroom((s) => s.panel);
  const openPanel = useClassroom((s) => s.openPanel);
  useEffect(() => {
    document.body.classList.toggle('classroom-open', panel !== null);
  }, [panel]);
  return (
    <>
      <nav className="classroom-bar" aria-label="Classroom">
        {PANELS.map((p) => (
          <button
            key={p.id}
            type="button"
            aria-pressed={panel === p.id}
            onClick={() => openPanel(panel === p.id ? null : p.id)}
          >
            {p.label}
          </button>
        ))}
        <ChallengeLocks />
      </nav>
      {panel && (
        <aside className="classroom-panel" aria-label={PANELS.find((p) => p.id === panel)?.label}>
          <button
            type="button"
            className="classroom-close"
            aria-label="Close the classroom panel"
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
