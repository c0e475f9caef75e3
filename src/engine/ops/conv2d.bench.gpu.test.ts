import { describe, expect, it } from 'vitest';
import { getTestDevice } from '../../gpu/testing/test-device';
import { benchConv2d } from './conv2d.bench';

// Prints GFLOP/s of each conv pass and kernel variant at LeNet-5 shapes (* = the planner's choice);
// timings are reported, never asserted.
describe('conv2d benchmark at LeNet-5 shapes', () => {
  it('measures every pass', async () => {
    const rows = await benchConv2d(await getTestDevice(), { rounds: 1, reps: 2 });
    for (const r of rows) {
      const line = [r.layer.padEnd(24), r.pass.padEnd(16), r.kernel.padEnd(7), r.chosen ? '*' : ' '];
      const figures = `${r.ms.toFixed(2).padStart(8)} ms ${r.gflops.toFixed(2).padStart(6)} GFLOP/s`;
      process.stdout.write(`${line.join(' ')} ${figures}\n`);
    }
    expect(rows.every((r) => r.ms > 0)).toBe(true);
  });
});
