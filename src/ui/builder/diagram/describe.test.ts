import { describe, expect, it } from 'vitest';
import { analyzeSpec } from '../../../network/analyze';
import { presetSpec } from '../../../network/presets';
import { defaultLayer } from '../../../network/spec';
import { setLanguage } from '../../../i18n';
import { describeEdge, describeNode } from './describe';
import { diagramGraph } from './layout';

describe('what a screen reader hears', () => {
  it('names each node, its output, size, cost and connections', () => {
    const spec = presetSpec('resnet-mini');
    const graph = diagramGraph(spec);
    const analysis = analyzeSpec(spec);
    const at = (id: string) => describeNode(spec, analysis, graph, graph.ids.indexOf(id));
    expect(at('input')).toBe('Network input: MNIST image 1×28×28, read by layer 1 (Conv2d)');
    expect(at('pool1')).toBe(
      'Layer 4 of 21: MaxPool2d (2×2), output 8×14×14, 0 parameters, 6.3 k FLOPs, reads layer 3 (ReLU), read by layer 5 (Conv2d) and layer 10 (Add)',
    );
    expect(at('fc')).toBe(
      "Layer 21 of 21: Linear (392→10), output 10, 3,930 parameters, 7.8 k FLOPs, reads layer 20 (Flatten), the network's output",
    );
    expect(describeEdge(spec, '8×14×14', 'pool1', 'block1_add')).toBe(
      '8×14×14 from layer 4 (MaxPool2d) to layer 10 (Add)',
    );
  });

  it('speaks the page language: a node and an edge in Chinese', async () => {
    const spec = presetSpec('resnet-mini');
    const graph = diagramGraph(spec);
    await setLanguage('zh-CN');
    try {
      expect(describeNode(spec, analyzeSpec(spec), graph, graph.ids.indexOf('pool1'))).toBe(
        '第 4 层（共 21 层）：MaxPool2d（2×2），输出 8×14×14，0 个参数，6.3 k FLOPs，读取第 3 层（ReLU），被第 5 层（Conv2d）和第 10 层（Add）读取',
      );
      expect(describeEdge(spec, '', 'pool1', 'block1_add')).toBe(
        '形状未知，从第 4 层（MaxPool2d）到第 10 层（Add）',
      );
    } finally {
      await setLanguage('en');
    }
  });

  it('reads out the problems after the description', () => {
    const spec = presetSpec('lenet-5');
    spec.layers.splice(2, 0, defaultLayer('Add', 'sum'));
    const graph = diagramGraph(spec);
    const text = describeNode(spec, analyzeSpec(spec), graph, 3);
    expect(text).toMatch(
      /^Layer 3 of 13: Add .*, read by layer 4 \(MaxPool2d\)\. Error: layer 3 \(Add\) adds two inputs or more/,
    );
  });
});
