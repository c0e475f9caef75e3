import { describe, expect, it } from 'vitest';
import { readPickedFile } from './download';

describe('readPickedFile', () => {
  it('reads a file within the limit', async () => {
    const bytes = await readPickedFile(new File([new Uint8Array([1, 2, 3])], 'w.safetensors'), 3);
    expect([...bytes]).toEqual([1, 2, 3]);
  });

  it('refuses a file over the limit with sizes that differ on screen', async () => {
    const limit = 64 * 1024 * 1024;
    const over = new File([new Uint8Array(limit + 1)], 'big.safetensors');
    await expect(readPickedFile(over, limit)).rejects.toThrow(
      'the file is 67,108,865 bytes, more than the 67,108,864 bytes allowed',
    );
    await expect(readPickedFile(new File([new Uint8Array(3 * limit)], 'x'), limit)).rejects.toThrow(
      'the file is 192.0 MB, more than the 64.0 MB allowed',
    );
  });
});
