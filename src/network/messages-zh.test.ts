// Shape errors, their fixes, range errors and file and link errors in Simplified Chinese, with their
// numbers: a key the zh-CN catalogue lacks would fall back to English and fail here.
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../i18n';
import { valueProblem } from '../layers';
import { analyzeSpec } from './analyze';
import { DEFAULT_HYPER, validateHyper } from './hyper';
import { getPreset, PRESETS } from './presets';
import { parseSpec } from './serialize';
import { decodeShareState } from './share';
import { L, net } from './testing/build';

afterEach(() => setLanguage('en'));

/** English prose that must not survive in a Chinese message (PyTorch names and numbers may). */
const ENGLISH = /\b(the|must|insert|layer|input|set|remove|values?|image|channels?)\b/i;

describe('shape errors in zh-CN', () => {
  it('words a kernel too large, a Linear on an image and their fixes with their numbers', async () => {
    await setLanguage('zh-CN');
    const spec = net([L('Conv2d', { out_channels: 4, kernel_size: 31 })]);
    const [issue] = analyzeSpec(spec).issues;
    expect(issue.message).toBe(
      '第 1 层（Conv2d）：卷积核 31 大于 28×28 的输入：把 kernel_size 减小到 ≤ 28，或增加 padding',
    );
    expect(issue.fix?.label).toBe('设置 kernel_size = 28');
    const flat = analyzeSpec(
      net([L('Conv2d', { out_channels: 16, kernel_size: 5 }), L('Linear', { out_features: 10 })]),
    ).issues[0];
    expect(flat.message).toBe('Linear 需要展平的输入：在第 2 层之前插入 Flatten');
    expect(flat.fix?.label).toBe('插入 Flatten');
  });

  it('leaves no English prose in the messages of many broken designs', async () => {
    await setLanguage('zh-CN');
    const designs = [
      net([L('Flatten'), L('Conv2d', { out_channels: 4, kernel_size: 3 })]),
      net([L('MaxPool2d', { kernel_size: 2, padding: 2 })]),
      net([L('Conv2d', { out_channels: 6, kernel_size: 3, groups: 4 })]),
      net([L('Flatten'), L('BatchNorm2d'), L('Flatten')]),
      net([L('Flatten'), L('Unflatten', { unflattened_size: [2, 3, 3] })]),
      net([L('Upsample', { mode: 'nearest', align_corners: true })]),
      net([L('Add')]),
      net([]),
      net([L('Flatten'), L('Linear', { out_features: 7 })]),
      net([L('Flatten'), L('Linear', { out_features: 100 })], { task: 'reconstruction' }),
      net([L('Conv2d', { out_channels: 3, kernel_size: 3 })], { task: 'segmentation' }),
    ];
    const messages = designs.flatMap((d) => analyzeSpec(d).issues.map((i) => i.message));
    expect(messages.length).toBeGreaterThanOrEqual(designs.length);
    for (const message of messages) {
      expect(message, message).toMatch(/[\u4e00-\u9fff]/);
      expect(message, message).not.toMatch(ENGLISH);
    }
    expect(valueProblem('kernel_size', { type: 'int', min: 1, max: 64 }, 99)).toBe(
      'kernel_size 为 99，太大了：最多 64',
    );
  });

  it('words hyperparameter problems with their numbers', async () => {
    await setLanguage('zh-CN');
    const issues = validateHyper({ ...DEFAULT_HYPER, lr: 5, batchSize: 0 }, 'classification');
    expect(issues.map((i) => i.message)).toEqual([
      '学习率 5 非常高，训练很可能会发散：试试 0.001 到 0.1',
      'batchSize 必须是 1 到 1024 之间的整数（现在是 0）',
    ]);
  });

  it('words a broken design file and a damaged share link', async () => {
    await setLanguage('zh-CN');
    const file = parseSpec('{"name": ');
    expect(file.ok ? null : file.error).toMatch(/^设计不是有效的 JSON（/);
    const missing = parseSpec(JSON.stringify({ version: 2, task: 'classification', layers: [] }));
    expect(missing.ok ? null : missing.error).toBe('设计无效：设计缺少字段 "input"');
    const field = parseSpec(
      JSON.stringify({
        version: 2,
        task: 'classification',
        input: { dataset: 'mnist', shape: [1, 28, 28] },
        layers: [{ kind: 'Conv2d', kernel_size: 2.5 }],
      }),
    );
    expect(field.ok ? null : field.error).toBe(
      '设计无效：第 1 层（Conv2d）的 kernel_size 必须是整数（现在是 2.5）',
    );
    const link = decodeShareState('#a!b');
    expect(link.ok ? null : link.error).toBe('分享链接已损坏（它不是 base64url 文本）');
  });

  it('describes every preset in Chinese, and in English again after', async () => {
    await setLanguage('zh-CN');
    for (const preset of PRESETS) expect(preset.description, preset.id).toMatch(/[\u4e00-\u9fff]/);
    expect(getPreset('tiny-cnn')!.description).toContain('大约 9,000 个参数');
    await setLanguage('en');
    expect(getPreset('tiny-cnn')!.description).toContain('About 9,000 parameters');
  });
});
