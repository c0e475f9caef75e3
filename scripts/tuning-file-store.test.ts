import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonFileTuningStore } from './tuning-file-store.mjs';

describe('jsonFileTuningStore', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('keeps choices per adapter across store instances, merging later saves', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'tuning-'));
    const file = path.join(dir, 'sub', 'tuning.json');
    const first = jsonFileTuningStore(file);
    expect(await first.load('gpu-a')).toEqual({});
    await first.save('gpu-a', { 'matmul m1': 'shared' });
    await first.save('gpu-b', { 'matmul m1': 'tiled' });
    await first.save('gpu-a', { 'conv k': 'quad' });
    const again = jsonFileTuningStore(file);
    expect(await again.load('gpu-a')).toEqual({ 'matmul m1': 'shared', 'conv k': 'quad' });
    expect(await again.load('gpu-b')).toEqual({ 'matmul m1': 'tiled' });
    expect(JSON.parse(await readFile(file, 'utf8'))['gpu-b']).toEqual({ 'matmul m1': 'tiled' });
  });

  it('refuses a file that is not a JSON object, naming it', async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'tuning-'));
    const file = path.join(dir, 'tuning.json');
    await writeFile(file, '[1, 2]');
    await expect(jsonFileTuningStore(file).load('gpu')).rejects.toThrow(`${file}: a tuning cache must be`);
  });
});
