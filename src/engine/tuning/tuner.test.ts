import { describe, expect, it } from 'vitest';
import { median, pickFastest } from './tuner';
import { adapterKey, memoryTuningStore } from './store';

describe('pickFastest', () => {
  it('takes the fastest median when it beats the hand-picked one by more than the margin', () => {
    expect(pickFastest({ direct: 10, quad: 6, tile: 8 }, 'direct', 0.03)).toBe('quad');
  });

  it('keeps the hand-picked variant against a win inside the margin', () => {
    expect(pickFastest({ direct: 10, quad: 9.8 }, 'direct', 0.03)).toBe('direct');
    expect(pickFastest({ direct: 10, quad: 9.8 }, 'direct', 0)).toBe('quad');
  });

  it('keeps the hand-picked variant when it is fastest', () => {
    expect(pickFastest({ tiled: 1, shared: 5 }, 'tiled', 0.03)).toBe('tiled');
  });
});

describe('median', () => {
  it('is the middle value, or the mean of the middle two', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('tuning store', () => {
  it('memory store keeps choices per adapter and merges saves', async () => {
    const store = memoryTuningStore();
    await store.save('a', { x: '4' });
    await store.save('a', { y: 'quad' });
    expect(await store.load('a')).toEqual({ x: '4', y: 'quad' });
    expect(await store.load('b')).toEqual({});
  });

  it('adapter keys differ by device and by features', () => {
    const info = {
      vendor: 'nvidia',
      architecture: 'hopper',
      device: '',
      description: 'H200',
      isFallbackAdapter: false,
      features: { shaderF16: true, subgroups: true, timestampQuery: true },
      limits: {} as never,
    };
    const other = { ...info, features: { ...info.features, subgroups: false } };
    expect(adapterKey(info)).not.toBe(adapterKey(other));
    expect(adapterKey(info)).not.toBe(adapterKey({ ...info, description: 'H100' }));
  });
});
