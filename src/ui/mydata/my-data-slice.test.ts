// The store's my data slice: a new image format converts the examples, and a design reading the data takes
// the new input shape (LeNet-5 on 3×32×32 analyses without problems: its Conv2d and Linear sizes follow).
import { describe, expect, it } from 'vitest';
import { analyzeSpec } from '../../network/analyze';
import { presetSpec } from '../../network/presets';
import { createAppStore } from '../store/store';

describe('my data in the store', () => {
  it('converts the examples to a new format, and the design reading them follows', () => {
    const store = createAppStore();
    const s = store.getState;
    s().loadSpec(presetSpec('lenet-5'));
    s().addClass('dark');
    s().addExamples(0, [new Uint8Array(784).fill(10), new Uint8Array(784).fill(20)]);
    s().addClass('light');
    s().addExamples(1, [new Uint8Array(784).fill(200), new Uint8Array(784).fill(250)]);
    s().trainOnMyData();
    expect(s().spec.input).toMatchObject({ dataset: s().myData!.id, shape: [1, 28, 28], classes: 2 });

    s().setMyShape([3, 32, 32]);
    expect(s().myData!.shape).toEqual([3, 32, 32]);
    expect(s().myData!.classes[1].examples[0]).toEqual(new Uint8Array(3072).fill(200));
    expect(s().spec.input.shape).toEqual([3, 32, 32]);
    expect(analyzeSpec(s().spec).issues.filter((i) => i.severity === 'error')).toEqual([]);
  });
});
