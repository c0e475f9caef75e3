// Python source fragments built from spec values. Every value is checked for its type before it is
// written, so a hostile spec cannot smuggle code into model.py: numbers must be finite (integers where
// PyTorch wants ints), booleans real booleans, and free text is reduced to a safe alphabet.
import type { Layer } from '../spec';

export function pyInt(value: unknown, what: string): string {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    throw new Error(`${what} must be a whole number to export, got ${JSON.stringify(value)}`);
  }
  return String(value);
}

/** A float literal that Python reads back as the same double: JS's shortest round-trip form. */
export function pyFloat(value: unknown, what: string): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new Error(`${what} must be a finite number to export, got ${JSON.stringify(value)}`);
  }
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

export function pyBool(value: unknown, what: string): string {
  if (typeof value !== 'boolean') throw new Error(`${what} must be true or false to export`);
  return value ? 'True' : 'False';
}

/** Free text (a design's name) for a docstring or comment: letters, digits and plain punctuation only. */
export function pyText(text: string, maxLength = 100): string {
  const safe = text.replace(/[^\p{L}\p{N} ,.:;()+\-_/×]/gu, ' ').replace(/\s+/g, ' ');
  return safe.trim().slice(0, maxLength);
}

// Python's constants and the module-level names of model.py and train.py, which a class may not shadow.
const RESERVED = new Set([
  'None',
  'True',
  'False',
  'MEAN',
  'STD',
  'HERE',
  'ROOT',
  'DTYPES',
  'CLASSES',
  'LATENT_DIM',
  'DATASET',
  'IDX_FILES',
  'EPOCHS',
  'BATCH_SIZE',
  'SEED',
]);

/** A PascalCase class name from a design's name: 'LeNet-5' -> 'LeNet5', 'my conv net' -> 'MyConvNet'. */
export function className(name: string): string {
  const words = name.match(/[A-Za-z0-9]+/g) ?? [];
  let result = words.map((w) => w[0].toUpperCase() + w.slice(1)).join('');
  if (result === '' || /^[0-9]/.test(result)) result = `Net${result}`;
  return RESERVED.has(result) ? `${result}Net` : result.slice(0, 60);
}

export function checkIdentifier(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,59}$/.test(name) || RESERVED.has(name)) {
    throw new Error(`"${name}" cannot be a Python class name here: use letters, digits and _`);
  }
  return name;
}

/** `name=value` for each keyword whose value differs from PyTorch's default. */
function keywords(pairs: [string, string, string][]): string {
  return pairs
    .filter(([, value, fallback]) => value !== fallback)
    .map(([name, value]) => `, ${name}=${value}`)
    .join('');
}

/** The torch.nn constructor call for a layer, with PyTorch's defaults left out. */
export function constructorCall(layer: Layer, name: string): string {
  const int = (v: unknown, p: string) => pyInt(v, `${name}.${p}`);
  const float = (v: unknown, p: string) => pyFloat(v, `${name}.${p}`);
  const bool = (v: unknown, p: string) => pyBool(v, `${name}.${p}`);
  switch (layer.kind) {
    case 'Conv2d':
    case 'ConvTranspose2d': {
      const extra = layer.kind === 'ConvTranspose2d' ? layer.output_padding : 0;
      const args =
        `${int(layer.in_channels, 'in_channels')}, ${int(layer.out_channels, 'out_channels')}, ` +
        `kernel_size=${int(layer.kernel_size, 'kernel_size')}`;
      return (
        `nn.${layer.kind}(${args}` +
        keywords([
          ['stride', int(layer.stride, 'stride'), '1'],
          ['padding', int(layer.padding, 'padding'), '0'],
          ['output_padding', int(extra, 'output_padding'), '0'],
          ['dilation', int(layer.dilation, 'dilation'), '1'],
          ['bias', bool(layer.bias, 'bias'), 'True'],
        ]) +
        ')'
      );
    }
    case 'MaxPool2d':
    case 'AvgPool2d': {
      const k = int(layer.kernel_size, 'kernel_size');
      const common: [string, string, string][] = [
        ['stride', int(layer.stride, 'stride'), k],
        ['padding', int(layer.padding, 'padding'), '0'],
      ];
      const own: [string, string, string][] =
        layer.kind === 'MaxPool2d'
          ? [['dilation', int(layer.dilation, 'dilation'), '1']]
          : [['count_include_pad', bool(layer.count_include_pad, 'count_include_pad'), 'True']];
      const ceil: [string, string, string] = ['ceil_mode', bool(layer.ceil_mode, 'ceil_mode'), 'False'];
      return `nn.${layer.kind}(kernel_size=${k}${keywords([...common, ...own, ceil])})`;
    }
    case 'Linear':
      return (
        `nn.Linear(${int(layer.in_features, 'in_features')}, ${int(layer.out_features, 'out_features')}` +
        `${keywords([['bias', bool(layer.bias, 'bias'), 'True']])})`
      );
    case 'BatchNorm2d':
      return (
        `nn.BatchNorm2d(${int(layer.num_features, 'num_features')}` +
        keywords([
          ['eps', float(layer.eps, 'eps'), pyFloat(1e-5, 'eps')],
          ['momentum', float(layer.momentum, 'momentum'), pyFloat(0.1, 'momentum')],
        ]) +
        ')'
      );
    case 'Unflatten': {
      const size = layer.unflattened_size;
      if (!Array.isArray(size) || size.length !== 3)
        throw new Error(`${name}.unflattened_size must be [C, H, W]`);
      return `nn.Unflatten(1, (${size.map((d, i) => int(d, `unflattened_size[${i}]`)).join(', ')}))`;
    }
    case 'LeakyReLU':
      return `nn.LeakyReLU(negative_slope=${float(layer.negative_slope, 'negative_slope')})`;
    case 'Dropout':
      return `nn.Dropout(p=${float(layer.p, 'p')})`;
    case 'Flatten':
    case 'ReLU':
    case 'Sigmoid':
    case 'Tanh':
      return `nn.${layer.kind}()`;
  }
  throw new Error(`${name}: unknown layer kind ${JSON.stringify((layer as { kind: unknown }).kind)}`);
}
