import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The README's Engine API example must run as another program would: plain Node, no Vite, no UI.
describe('engine API from plain Node', () => {
  it('runs examples/conv2d-node.ts and matches the CPU reference', () => {
    const out = execFileSync(
      process.execPath,
      ['--import', './scripts/engine-node.mjs', 'examples/conv2d-node.ts'],
      {
        encoding: 'utf8',
        env: { ...process.env, XDG_RUNTIME_DIR: process.env.XDG_RUNTIME_DIR ?? '/tmp' },
      },
    );
    expect(out).toMatch(/adapter: /);
    const diff = Number(/max \|GPU - CPU reference\| = (\S+)/.exec(out)?.[1]);
    expect(diff).toBeLessThan(1e-5);
  });
});
