import { describe, expect, it } from 'vitest';
import { DEFAULT_HYPER } from '../hyper';
import { PRESETS, presetSpec } from '../presets';
import { defaultLayer, type Layer, type NetworkSpec } from '../spec';
import { exportModelPy } from './pytorch-code';
import { className, constructorCall, pyFloat } from './python-syntax';
import { exportTrainPy, optimizerCall } from './train-code';

/** Readable output: no trailing spaces or tabs, one final newline, nothing undefined leaking through. */
function expectTidy(source: string): void {
  expect(source.split('\n').filter((line) => /\s$/.test(line))).toEqual([]);
  expect(source).not.toMatch(/\t|undefined|NaN|\[object/);
  expect(source.endsWith('\n') && !source.endsWith('\n\n')).toBe(true);
}

describe('exportModelPy', () => {
  it('writes LeNet-5 as a readable nn.Module with shapes in comments', () => {
    const source = exportModelPy(presetSpec('lenet-5'));
    expect(source).toContain('class LeNet5(nn.Module):');
    expect(source).toContain('        self.conv1 = nn.Conv2d(1, 6, kernel_size=5, padding=2)\n');
    expect(source).toContain('        self.pool1 = nn.MaxPool2d(kernel_size=2)\n');
    expect(source).toContain('        self.fc1 = nn.Linear(400, 120)\n');
    expect(source).toContain('        x = self.conv2(x)  # [N, 16, 10, 10]\n');
    expect(source).toContain(
      '        x = self.flatten1(x)  # [N, 400] (channels, then rows, then columns)\n',
    );
    expect(source).toContain('        x = self.fc3(x)  # [N, 10]\n        return x\n');
    expect(source).toContain("MEAN, STD = 0.1307, 0.3081\nCLASSES = ['0', '1', '2'");
    expect(source).toContain("if __name__ == '__main__':\n    main()\n");
    expectTidy(source);
  });

  it('exports every preset tidily, each with its task-specific demo', () => {
    for (const preset of PRESETS) expectTidy(exportModelPy(preset.spec));
    expect(exportModelPy(presetSpec('dcgan-generator'))).toContain('LATENT_DIM = 32\n');
    expect(exportModelPy(presetSpec('dcgan-generator'))).not.toContain('MEAN');
    expect(exportModelPy(presetSpec('dcgan-discriminator'))).toContain('torch.sigmoid(scores)');
    expect(exportModelPy(presetSpec('autoencoder'))).toContain('reconstruction MSE');
    expect(exportModelPy(presetSpec('autoencoder'))).toContain(
      'self.deconv1 = nn.ConvTranspose2d(32, 16, kernel_size=4, stride=2, padding=1)',
    );
  });

  it('writes the autoWired sizes, not stale stored ones', () => {
    const spec = presetSpec('lenet-5');
    spec.layers[7] = { ...spec.layers[7], in_features: 123 } as Layer;
    expect(exportModelPy(spec)).toContain('self.fc1 = nn.Linear(400, 120)');
  });

  it('refuses a design with errors, quoting the analysis', () => {
    const spec = presetSpec('mlp');
    spec.layers.splice(0, 1);
    expect(() => exportModelPy(spec)).toThrow(/^this design cannot be exported yet: .*Flatten/);
  });

  it('keeps hostile names and values out of the code', () => {
    const spec: NetworkSpec = { ...presetSpec('mlp'), name: 'x"""\nimport os; os.system("rm -rf /")\n#' };
    const source = exportModelPy(spec);
    // The name stays on the docstring's first line: no quote, newline or backslash survives.
    expect(source.split('\n')[0]).toBe(
      '"""x import os; os.system( rm -rf / ): a classifier exported from CNN Playground.',
    );
    expect(source.match(/"""/g)).toEqual(exportModelPy(presetSpec('mlp')).match(/"""/g));
    expect(source.split('\n').filter((line) => line.includes('os.system'))).toHaveLength(1);
    expect(source).toContain('class XImportOsOsSystemRmRf(nn.Module):');
    const bad = presetSpec('mlp');
    (bad.layers[1] as unknown as Record<string, unknown>).out_features = '10); import os #';
    expect(() => exportModelPy(bad)).toThrow();
    expect(() => exportModelPy(presetSpec('mlp'), { className: 'Net(nn.Module): pass\n' })).toThrow(
      'cannot be a Python class name',
    );
  });
});

describe('Python fragments', () => {
  it('derives PascalCase class names that are valid identifiers', () => {
    expect(className('LeNet-5')).toBe('LeNet5');
    expect(className('my conv net')).toBe('MyConvNet');
    expect(className('5 layers')).toBe('Net5Layers');
    expect(className('')).toBe('Net');
    expect(className('none')).toBe('NoneNet');
    // Names model.py and train.py define at module level would be shadowed.
    expect(className('SEED')).toBe('SEEDNet');
    expect(className('DATASET')).toBe('DATASETNet');
  });

  it('writes floats that Python reads back exactly', () => {
    expect(pyFloat(2, 'x')).toBe('2.0');
    expect(pyFloat(1e-7, 'x')).toBe('1e-7');
    expect(pyFloat(0.1, 'x')).toBe('0.1');
    expect(() => pyFloat(Infinity, 'eps')).toThrow('eps must be a finite number');
  });

  it("leaves PyTorch's defaults out of constructor calls", () => {
    const call = (layer: Layer) => constructorCall(layer, 'm');
    expect(call(defaultLayer('MaxPool2d', 'a'))).toBe('nn.MaxPool2d(kernel_size=2)');
    expect(call({ ...defaultLayer('MaxPool2d', 'a'), stride: 1, ceil_mode: true })).toBe(
      'nn.MaxPool2d(kernel_size=2, stride=1, ceil_mode=True)',
    );
    expect(call({ ...defaultLayer('AvgPool2d', 'a'), count_include_pad: false, padding: 1 })).toBe(
      'nn.AvgPool2d(kernel_size=2, padding=1, count_include_pad=False)',
    );
    expect(call(defaultLayer('BatchNorm2d', 'a'))).toBe('nn.BatchNorm2d(8)');
    expect(call({ ...defaultLayer('BatchNorm2d', 'a'), eps: 1e-3, momentum: 0.01 })).toBe(
      'nn.BatchNorm2d(8, eps=0.001, momentum=0.01)',
    );
    expect(call({ ...defaultLayer('Conv2d', 'a'), dilation: 2, bias: false })).toBe(
      'nn.Conv2d(1, 8, kernel_size=3, dilation=2, bias=False)',
    );
    expect(call(defaultLayer('Dropout', 'a'))).toBe('nn.Dropout(p=0.5)');
    expect(call(defaultLayer('LeakyReLU', 'a'))).toBe('nn.LeakyReLU(negative_slope=0.01)');
    expect(call(defaultLayer('Unflatten', 'a'))).toBe('nn.Unflatten(1, (1, 28, 28))');
    expect(call(defaultLayer('Flatten', 'a'))).toBe('nn.Flatten()');
  });
});

describe('exportTrainPy', () => {
  it("carries the playground's optimizer, batch size, epochs and seed", () => {
    const hyper = { ...DEFAULT_HYPER, batchSize: 32, epochs: 3, seed: 7 };
    const source = exportTrainPy(presetSpec('lenet-5'), hyper);
    expect(source).toContain(
      'from model import DATASET, HERE, IDX_FILES, MEAN, STD, LeNet5, find_idx, load_mnist\n',
    );
    expect(source).toContain('EPOCHS = 3\nBATCH_SIZE = 32\nSEED = 7\n');
    expect(source).toContain(
      'optimizer = torch.optim.Adam(model.parameters(), lr=0.001, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)',
    );
    expect(source).toContain('loss_fn = nn.CrossEntropyLoss()');
    // PyTorch alone: torchvision is imported only inside fetch(), for --download.
    expect(source.split('\n').filter((line) => /^(import|from) .*torchvision/.test(line))).toEqual([]);
    expect(source).toContain(
      "    parser.add_argument('--device', choices=['auto', 'cuda', 'mps', 'cpu'], default='auto',\n",
    );
    expect(source).toContain('    net = distributed(model, device, world)\n');
    expectTidy(source);
  });

  it('writes each optimizer as torch.optim spells it', () => {
    const sgd = { ...DEFAULT_HYPER, optimizer: 'sgd' as const, lr: 0.05, nesterov: true, weightDecay: 5e-4 };
    expect(optimizerCall(sgd)).toBe(
      'torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, nesterov=True, weight_decay=0.0005)',
    );
    expect(optimizerCall({ ...DEFAULT_HYPER, optimizer: 'adamw', weightDecay: 0.01 })).toMatch(
      /^torch\.optim\.AdamW\(model\.parameters\(\), lr=0\.001, betas=\(0\.9, 0\.999\), eps=1e-8, weight_decay=0\.01\)$/,
    );
  });

  it("trains the autoencoder against its input with the design's loss", () => {
    const bce = exportTrainPy(presetSpec('autoencoder'), { ...DEFAULT_HYPER, loss: 'bce' });
    expect(bce).toContain('loss_fn = nn.BCELoss()');
    expect(bce).toContain('            loss = loss_fn(output.float().reshape(images.shape), images)\n');
    expect(exportTrainPy(presetSpec('autoencoder'), { ...DEFAULT_HYPER, loss: 'mse' })).toContain(
      'nn.MSELoss()',
    );
    expectTidy(bce);
  });

  it('says a GAN half trains inside its pair', () => {
    expect(() => exportTrainPy(presetSpec('dcgan-generator'), DEFAULT_HYPER)).toThrow('GAN pair');
  });
});
