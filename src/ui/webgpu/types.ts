// What the page knows about WebGPU: filled from the training worker's `ready` event (the worker owns the
// device) or, before the worker reports, from a probe of navigator.gpu on the page.

export interface GpuSummary {
  vendor: string;
  architecture: string;
  description: string;
  features: { shaderF16: boolean; subgroups: boolean };
  limits: Record<string, number>;
}

export type GpuStatus =
  { kind: 'checking' } | { kind: 'available'; gpu: GpuSummary } | { kind: 'unavailable'; reason: string };
