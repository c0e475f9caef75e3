import { describe, expect, it } from 'vitest';
import { presetSpec } from '../presets';
import { writeSafetensors } from './safetensors';
import { isTorchPickle } from './torch-pickle';
import { importWeights } from './weights-file';
import { writeZip } from './zip';

// The first bytes of torch.save(state_dict, f, _use_new_zipfile_serialization=False) in PyTorch 1.13.
const LEGACY = [0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, 0x2e];
const bytes = (values: number[]) => Uint8Array.from([...values, ...new Array<number>(64).fill(0)]);

describe('isTorchPickle', () => {
  it("knows torch.save's zip and legacy formats, at pickle protocols 2 and 4", () => {
    const zipped = writeZip([
      { name: 'archive/data.pkl', data: new Uint8Array([0x80, 0x02]) },
      { name: 'archive/version', data: new TextEncoder().encode('3\n') },
    ]);
    expect(isTorchPickle(zipped)).toBe(true);
    expect(isTorchPickle(bytes(LEGACY))).toBe(true);
    const framed = [0x80, 0x04, 0x95, 1, 0, 0, 0, 0, 0, 0, 0, ...LEGACY.slice(2)];
    expect(isTorchPickle(bytes(framed))).toBe(true);
  });

  it('takes no safetensors file or other zip for one, even a header length that starts 0x80 0x02', () => {
    const header = new Uint8Array(8);
    new DataView(header.buffer).setUint32(0, 0x0280, true);
    expect(isTorchPickle(bytes([...header]))).toBe(false);
    const tensors = writeSafetensors([{ name: 'w', shape: [2], data: new Float32Array(2) }]);
    expect(isTorchPickle(tensors)).toBe(false);
    expect(isTorchPickle(writeZip([{ name: 'model.py', data: new Uint8Array(3) }]))).toBe(false);
    expect(isTorchPickle(new Uint8Array(0))).toBe(false);
  });

  it('makes importWeights name the converter, without reading the pickle', () => {
    const result = importWeights(presetSpec('lenet-5'), bytes(LEGACY));
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toBe(
        'this is a PyTorch .pt checkpoint (a Python pickle), which the playground never opens because ' +
          'loading a pickle can run code: convert it with convert_pt.py, which every "Export to PyTorch ' +
          '(.zip)" holds (python3 convert_pt.py model.pt), and load the .safetensors file it writes',
      );
  });
});
