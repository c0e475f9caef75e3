// The lessons' and challenges' own state beside the app's store: which panel is open, the step, what
// the lesson widgets report, the learner's "Done" presses and the generative run the checks watch.
// Kept apart from the app's slices so the classroom can be added or removed without touching them.
import { create } from 'zustand';
import type { Challenge } from '../../challenges/challenge';
import type { LessonView } from '../../lessons/checks';
import type { LessonPlace } from '../../lessons/link';
import type { WidgetName } from '../../lessons/schema';

export type ClassroomPanel = 'lessons' | 'challenge' | 'teacher';
type WidgetValues = Record<string, string | number | boolean>;

export interface ClassroomState {
  panel: ClassroomPanel | null;
  place: LessonPlace | null;
  widgets: Partial<Record<WidgetName, WidgetValues>>;
  /** `lessonId/stepId` of the steps the learner pressed Done on. */
  read: Record<string, true>;
  /** Done step ids per lesson, as kept in this browser. */
  progress: Record<string, string[]>;
  generative: LessonView['generative'];
  dense: LessonView['dense'];
  /** The challenge a link opened, shown to the learner with its goal and locks. */
  challenge: Challenge | null;
  /** Wall time spent training since the last reset, and when the current stretch began (null: not training). */
  trainingMs: number;
  trainingSince: number | null;
  openPanel: (panel: ClassroomPanel | null) => void;
  goTo: (place: LessonPlace | null) => void;
  report: (widget: WidgetName, values: WidgetValues) => void;
  markRead: (key: string) => void;
  setProgress: (progress: Record<string, string[]>) => void;
  setGenerative: (generative: LessonView['generative']) => void;
  setDense: (dense: LessonView['dense']) => void;
  setChallenge: (challenge: Challenge | null) => void;
  /** Follows the trainer's state to count training time. */
  trainerStateChanged: (state: string, now: number) => void;
}

export const useClassroom = create<ClassroomState>()((set) => ({
  panel: null,
  place: null,
  widgets: {},
  read: {},
  progress: {},
  generative: { mode: null, steps: 0, score: null },
  dense: { task: null, steps: 0 },
  challenge: null,
  trainingMs: 0,
  trainingSince: null,
  openPanel: (panel) => set({ panel }),
  goTo: (place) => set({ place, panel: 'lessons' }),
  report: (widget, values) =>
    set((s) => {
      const before = s.widgets[widget] ?? {};
      const same = Object.entries(values).every(([k, v]) => before[k] === v);
      return same ? s : { widgets: { ...s.widgets, [widget]: { ...before, ...values } } };
    }),
  markRead: (key) => set((s) => ({ read: { ...s.read, [key]: true } })),
  setProgress: (progress) => set({ progress }),
  setGenerative: (generative) => set({ generative }),
  setDense: (dense) => set({ dense }),
  setChallenge: (challenge) => set({ challenge }),
  trainerStateChanged: (state, now) =>
    set((s) => {
      const ran = s.trainingSince === null ? 0 : now - s.trainingSince;
      if (state === 'idle') return { trainingMs: 0, trainingSince: null };
      if (state === 'training') return s.trainingSince === null ? { trainingSince: now } : s;
      return { trainingMs: s.trainingMs + ran, trainingSince: null };
    }),
}));

/** A widget's value from an earlier step, if it reported one. */
export const kept = (widget: WidgetName, field: string) => useClassroom.getState().widgets[widget]?.[field];

export function keptNumber(widget: WidgetName, field: string, fallback: number): number {
  const value = kept(widget, field);
  return typeof value === 'number' ? value : fallback;
}
