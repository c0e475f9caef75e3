// The backend menu beside the status line's backend: automatic (the worker's rules) or one backend; the
// pick is kept in this browser and moves the model at once. The reason line says what runs and why.
import type { BackendChoice, BackendPreference, BackendKind } from '../../training/protocol';
import { useStore } from '../store/store';
import { tuningText } from './tuningText';

const OPTIONS: { value: BackendPreference; label: string }[] = [
  { value: 'auto', label: 'Automatic' },
  { value: 'webgpu', label: 'WebGPU' },
  { value: 'wasm', label: 'WebAssembly' },
  { value: 'js', label: 'JavaScript' },
];

const ENGINE_NAMES = { webgpu: 'WebGPU', wasm: 'WebAssembly', js: 'JavaScript' } as const;

/** The status line's name for the backend in use. */
export function backendName(backend: BackendKind | null, choice: BackendChoice | null): string {
  if (choice) return ENGINE_NAMES[choice.engine];
  return backend === null ? 'starting…' : backend === 'webgpu' ? 'WebGPU' : 'CPU';
}

export function BackendPicker() {
  const preference = useStore((s) => s.backendPreference);
  const choose = useStore((s) => s.chooseBackend);
  return (
    <label className="backend-picker">
      Run on{' '}
      <select value={preference} onChange={(e) => choose(e.target.value as BackendPreference)}>
        {OPTIONS.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Why this backend runs: the worker's sentence, or the older fallback reason; then the kernel tuning. */
export function BackendReason() {
  const choice = useStore((s) => s.backendChoice);
  const backend = useStore((s) => s.backend);
  const fallbackReason = useStore((s) => s.fallbackReason);
  const tuning = useStore((s) => s.kernelTuning);
  const reason = choice?.reason ?? (backend === 'cpu' ? fallbackReason : null);
  const onGpu = backend === 'webgpu';
  const tuned = onGpu && tuning ? tuningText(tuning) : null;
  if (!reason && !onGpu) return null;
  return (
    <>
      {reason && (
        <p className="muted backend-reason" data-testid="backend-reason">
          {reason}
        </p>
      )}
      {/* Always there on WebGPU, two lines high, so the tuning notice coming and changing moves nothing. */}
      {onGpu && (
        <p className="muted backend-reason backend-tuning" data-testid="kernel-tuning" aria-live="polite">
          {tuned}
        </p>
      )}
    </>
  );
}
