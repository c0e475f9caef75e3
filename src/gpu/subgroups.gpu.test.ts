import { describe, expect, it } from 'vitest';
import { getTestGpu, gpuCheck } from './testing/test-device';
import { hasQuadLanes, probeQuadLanes } from './subgroups';

describe('subgroup quad lanes', () => {
  it('are found on the test adapter (SwiftShader: 4-lane subgroups over consecutive invocations)', async () => {
    const { device } = await getTestGpu();
    expect(device.features.has('subgroups')).toBe(true);
    await gpuCheck(async (d) => expect(await probeQuadLanes(d)).toBe(true));
    expect(hasQuadLanes(device)).toBe(true);
  });

  it('are not claimed for a device created without the subgroups feature', async () => {
    const adapter = await navigator.gpu.requestAdapter();
    if (!adapter) throw new Error('no second adapter');
    const plain = await adapter.requestDevice({ label: 'no-subgroups' });
    try {
      expect(hasQuadLanes(plain)).toBe(false);
      expect(await probeQuadLanes(plain)).toBe(false);
      expect(hasQuadLanes(plain)).toBe(false);
    } finally {
      plain.destroy();
    }
  });
});
