// Layer words in Simplified Chinese: palette groups, descriptions, parameter docs, card summaries and the
// explanation's legend, with their numbers. A key the zh-CN catalogues lack falls back to English and fails.
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n';
import { formulaOf } from './explain';
import { defaultLayer, definitionOf, LAYER_GROUPS, LAYER_KINDS, paramDoc, type Layer } from './registry';

afterEach(() => setLanguage('en'));

const CJK = /[\u4e00-\u9fff]/;

describe('layer words in zh-CN', () => {
  it('gives every group, description and parameter doc in Chinese, and English again after', async () => {
    await setLanguage('zh-CN');
    expect(LAYER_GROUPS[0].label).toBe('卷积');
    for (const kind of LAYER_KINDS) {
      const group = LAYER_GROUPS.find((g) => g.kinds.some((k) => k.kind === kind))!;
      expect(group.kinds.find((k) => k.kind === kind)!.description, kind).toMatch(CJK);
      for (const param of Object.keys(definitionOf(kind).params))
        expect(paramDoc(kind, param), `${kind}.${param}`).toMatch(CJK);
    }
    await setLanguage('en');
    expect(LAYER_GROUPS[0].label).toBe('Convolution');
    expect(paramDoc('Conv2d', 'kernel_size')).toBe('Width and height of each filter, in pixels.');
  });

  it('writes a legend and a card summary with their numbers', async () => {
    const conv = { ...defaultLayer('Conv2d', 'c1'), in_channels: 3, kernel_size: 5, stride: 2, padding: 1 };
    await setLanguage('zh-CN');
    expect(formulaOf(conv as Layer, 28).legend).toBe(
      '每张输出特征图对每个输入通道（c = 0…2）都有自己的 5×5 卷积核 w；stride 2，padding 1（图像外补零），dilation 1。',
    );
    expect(definitionOf('Conv2d').summary(conv as never)).toBe('3→8, 5×5, stride 2, padding 1');
    const norm = { ...defaultLayer('GroupNorm', 'g1'), num_groups: 2, num_channels: 8 };
    expect(definitionOf('GroupNorm').summary(norm as never)).toBe('2 组，每组 4 个');
    for (const kind of LAYER_KINDS)
      expect(formulaOf(defaultLayer(kind, 'x') as Layer, 28).legend, kind).toMatch(CJK);
  });
});
