// A design's tunable sites: every op whose planner could run more than one kernel variant at the design's
// shapes, found by planning the model once with a recording chooser (the plans are then dropped).
import type { TunableSite } from '../engine/op';
import { RecordingChooser } from '../engine/tuning/choosers';
import type { ModelDescription } from './describe';
import { GpuModel, type GpuModelOptions } from './gpu-model';

export function designSites(
  device: GPUDevice,
  desc: ModelDescription,
  options: Omit<GpuModelOptions, 'variants'>,
): TunableSite[] {
  const recorder = new RecordingChooser();
  const model = new GpuModel(device, desc, { ...options, variants: recorder });
  model.destroy();
  return [...recorder.sites.values()].filter((s) => s.candidates.length > 1);
}
