import { describe, expect, it } from 'vitest';
import { chunkingFor } from './batch-norm';

describe('batch_norm2d reduction chunking', () => {
  for (const [count, channels] of [
    [1, 1],
    [2, 3],
    [307, 1],
    [77, 3],
    [3136, 6],
    [50176, 6],
    [200704, 32],
  ]) {
    it(`covers ${count} values x ${channels} channels with non-empty chunks and enough threads`, () => {
      const { chunks, chunkLen } = chunkingFor(count, channels);
      expect(chunks * chunkLen).toBeGreaterThanOrEqual(count);
      expect((chunks - 1) * chunkLen).toBeLessThan(count);
      expect(chunkLen).toBeLessThanOrEqual(Math.max(32, 512));
      // Enough threads for 16 workgroups of 64 whenever chunks of >= 32 values allow it.
      expect(channels * chunks).toBeGreaterThanOrEqual(
        Math.min(1024, channels * Math.max(1, Math.floor(count / 32))),
      );
    });
  }
});
