// A small labelled whole-number input for the lesson widgets: out-of-range typing is clamped, not refused.
export function NumberField({
  label,
  value,
  min,
  max,
  onChange,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  onChange: (value: number) => void;
}) {
  return (
    <label className="lesson-field">
      {label}
      <input
        type="number"
        aria-label={label}
        min={min}
        max={max}
        step={1}
        value={value}
        onChange={(e) => {
          const v = Math.round(Number(e.target.value));
          if (e.target.value.trim() !== '' && Number.isFinite(v)) onChange(Math.min(max, Math.max(min, v)));
        }}
      />
    </label>
  );
}
