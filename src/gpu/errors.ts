// Error scopes: run GPU work and surface any validation, out-of-memory or internal error as a thrown Error.

export class GpuValidationError extends Error {
  constructor(
    readonly kind: GPUErrorFilter,
    message: string,
  ) {
    super(`WebGPU ${kind} error: ${message}`);
    this.name = 'GpuValidationError';
  }
}

const FILTERS: GPUErrorFilter[] = ['validation', 'out-of-memory', 'internal'];

export async function withErrorScopes<T>(device: GPUDevice, work: () => T | Promise<T>): Promise<T> {
  for (const f of FILTERS) device.pushErrorScope(f);
  let outcome: { ok: true; value: T } | { ok: false; error: unknown };
  try {
    outcome = { ok: true, value: await work() };
  } catch (error) {
    outcome = { ok: false, error };
  }
  // Scopes pop in reverse order of pushing; a GPU error outranks the JS error it may have caused.
  const popped = [];
  for (let i = FILTERS.length - 1; i >= 0; i--)
    popped.push({ kind: FILTERS[i], error: await device.popErrorScope() });
  const gpuError = popped.find((p) => p.error !== null);
  if (gpuError?.error) throw new GpuValidationError(gpuError.kind, gpuError.error.message);
  if (!outcome.ok) throw outcome.error;
  return outcome.value;
}
