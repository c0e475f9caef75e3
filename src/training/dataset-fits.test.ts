// A user dataset too large for one GPU buffer is refused with the numbers, before anything is uploaded:
// 96×96 colour images are the first to reach the limit.
import { describe, expect, it } from 'vitest';
import { checkDatasetFits, userHostDataset } from './host-dataset';

const colour96 = (n: number) => ({
  images: new Uint8Array(n * 27_648),
  labels: Uint8Array.from({ length: n }, (_, i) => i % 2),
});

describe('checkDatasetFits', () => {
  it("refuses a split larger than the GPU's largest buffer, and passes it on the CPU", () => {
    const data = userHostDataset(
      {
        pixels: 27_648,
        shape: [3, 96, 96],
        classNames: ['a', 'b'],
        train: colour96(1200),
        test: colour96(4),
      },
      1024,
    );
    // 1,200 images of 27,648 bytes: 33.2 MB (31.6 MiB).
    expect(() => checkDatasetFits(data, 128 * 2 ** 20)).not.toThrow();
    expect(() => checkDatasetFits(data, undefined)).not.toThrow();
    expect(() => checkDatasetFits(data, 24 * 2 ** 20)).toThrow(
      'its 1200 training images of 3×96×96 take 31.6 MiB on the GPU, more than the 24 MiB this GPU holds in one buffer',
    );
  });
});
