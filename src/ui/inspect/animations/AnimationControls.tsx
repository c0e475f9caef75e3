// Play/pause and step buttons of an explanation animation (plain buttons: Tab, Enter and Space work), its
// extra controls, and a line saying where it is (the e2e tests read it as explain-frame).
import type { ReactNode } from 'react';
import type { Frames } from './useFrames';

export function AnimationControls({
  frames,
  unit,
  position,
  children,
}: {
  frames: Frames;
  /** What one step moves to: 'position', 'output', 'value'. */
  unit: string;
  /** Where the animation is, in words. */
  position: string;
  children?: ReactNode;
}) {
  return (
    <div className="animation-controls">
      <button type="button" onClick={frames.toggle} aria-pressed={frames.playing}>
        {frames.playing ? 'Pause animation' : 'Play animation'}
      </button>
      <button type="button" onClick={() => frames.step(-1)}>
        Previous {unit}
      </button>
      <button type="button" onClick={() => frames.step(1)}>
        Next {unit}
      </button>
      {children}
      <span data-testid="explain-frame" className="muted">
        {position}
      </span>
    </div>
  );
}

/** A numbered choice (channel, output map): shown only when there is more than one. */
export function Picker({
  label,
  count,
  value,
  onChange,
}: {
  label: string;
  count: number;
  value: number;
  onChange: (v: number) => void;
}) {
  if (count <= 1) return null;
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange(Number(e.target.value))}>
        {Array.from({ length: count }, (_, i) => (
          <option key={i} value={i}>
            {i + 1}
          </option>
        ))}
      </select>
    </label>
  );
}
