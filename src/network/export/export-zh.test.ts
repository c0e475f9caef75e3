// An export in Simplified Chinese: the README and model.py's docstring are in Chinese with their names and
// shapes, the Python identifiers stay English, and model.py still parses as Python.
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../../i18n';
import { DEFAULT_HYPER } from '../hyper';
import { presetSpec } from '../presets';
import { exportBundle } from './bundle';
import { exportModelPy } from './pytorch-code';
import { exportTrainPy } from './train-code';
import { exportDenseTrainPy } from './dense-code';
import { randomWeights } from './testing/random-weights';
import { unzip } from './testing/unzip';

afterEach(() => setLanguage('en'));

describe('export in zh-CN', () => {
  it('writes the README and the docstring in Chinese, and model.py still parses', async () => {
    const spec = presetSpec('lenet-5');
    await setLanguage('zh-CN');
    const files = unzip(exportBundle(spec, DEFAULT_HYPER, randomWeights(spec, 11)));
    const readme = new TextDecoder().decode(files.find((f) => f.name === 'README.txt')!.data);
    expect(readme.startsWith('LeNet5：从 CNN Playground 导出的“LeNet-5”。\n')).toBe(true);
    expect(readme).toContain('只需要 PyTorch');
    expect(readme).not.toMatch(/exported from|Needs PyTorch|its weights/);
    const model = exportModelPy(spec);
    expect(model).toContain('LeNet-5：从 CNN Playground 导出的分类器。');
    expect(model).toContain('输入：图像 [N, 1, 28, 28]');
    expect(model).toContain('class LeNet5(nn.Module):');
    const train = exportTrainPy(spec, DEFAULT_HYPER);
    expect(train).toContain('用 CNN Playground 中的设置，在 MNIST 上继续训练 LeNet5（model.py）：');
    expect(train).toContain('# 只在 train() 返回之后');
    expect(train).not.toMatch(/# (Every process|Only once|reads MNIST)/);
    for (const source of [model, train])
      execFileSync('/usr/bin/python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], {
        input: source,
      });
  });

  it("writes a segmentation train.py's docstring and the scene code's comments in Chinese", async () => {
    const spec = presetSpec('unet');
    await setLanguage('zh-CN');
    const train = exportDenseTrainPy(spec, DEFAULT_HYPER);
    expect(train).toContain('任务是语义分割');
    expect(train).toContain('# 在 CUDA GPU 上训练');
    expect(train).not.toMatch(/Trains |on a CUDA GPU|Needs only PyTorch/);
    const model = exportModelPy(spec);
    expect(model).toContain('TEST_SCENE_SEED = 2024  # 每次运行的测试场景都相同');
    expect(model).not.toMatch(/# (test scenes are|a scaled digit|half intensity|torchvision's name)/);
    for (const source of [model, train])
      execFileSync('/usr/bin/python3', ['-c', 'import ast, sys; ast.parse(sys.stdin.read())'], {
        input: source,
      });
  });
});
