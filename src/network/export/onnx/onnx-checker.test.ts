// Every preset's model.onnx, and the designs holding every layer kind, pass ONNX's own checker (Debian's
// python3-onnx, full check with strict shape inference). Skipped, saying why, where the onnx package is
// missing; REQUIRE_TORCH=1 (set by .ci/run) turns a missing package into a failure.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESETS } from '../../presets';
import { randomWeights } from '../testing/random-weights';
import { probeOnnx, runScript } from '../testing/python';
import { ONNX_OPSET } from '../../../layers/core/onnx';
import { exportOnnx } from './export';
import { KIND_DESIGNS } from './testing/kind-designs';

const onnx = probeOnnx();

const DESIGNS = [
  ...PRESETS.map((preset) => ({ name: preset.id, spec: preset.spec })),
  ...Object.entries(KIND_DESIGNS).map(([name, spec]) => ({ name, spec })),
];

interface Checked {
  path: string;
  ir_version: number;
  opset: number;
  ops: string[];
}

describe.skipIf(!onnx.version && !onnx.required)(`onnx.checker ${onnx.version ?? '(missing)'}`, () => {
  let dir = '';
  let checked: Checked[] = [];
  beforeAll(() => {
    if (!onnx.version) throw new Error(`REQUIRE_TORCH=1 but ${onnx.reason}`);
    dir = mkdtempSync(join(tmpdir(), 'cnn-onnx-'));
    const paths = DESIGNS.map(({ spec }, i) => {
      const path = join(dir, `model-${i}.onnx`);
      writeFileSync(path, exportOnnx(spec, randomWeights(spec, 700 + i)));
      return path;
    });
    checked = JSON.parse(runScript('check_onnx.py', paths, dir)) as Checked[];
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  DESIGNS.forEach(({ name }, i) => {
    it(`${name}: check_model passes, at opset ${ONNX_OPSET}`, () => {
      expect(checked[i].path).toBe(join(dir, `model-${i}.onnx`));
      expect(checked[i].opset).toBe(ONNX_OPSET);
      expect(checked[i].ir_version).toBe(8);
    });
  });
});
