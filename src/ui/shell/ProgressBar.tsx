// A labelled progress bar with explicit ARIA values (0..100) so assistive tech and tests read the same.
export function ProgressBar({ label, percent, text }: { label: string; percent: number; text?: string }) {
  const value = Math.max(0, Math.min(100, Math.round(percent)));
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      aria-valuetext={text}
      className="progress"
    >
      <div className="progress-fill" style={{ width: `${value}%` }} />
    </div>
  );
}
