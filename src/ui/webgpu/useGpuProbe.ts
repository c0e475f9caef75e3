// Probes WebGPU on the page once, unless the training worker has already reported its adapter.
import { useEffect } from 'react';
import { useStore } from '../store/store';
import { probeWebGpu } from './probe';

export function useGpuProbe(): void {
  useEffect(() => {
    let live = true;
    void probeWebGpu().then((status) => {
      if (live && useStore.getState().gpuStatus.kind === 'checking') useStore.getState().setGpuStatus(status);
    });
    return () => {
      live = false;
    };
  }, []);
}
