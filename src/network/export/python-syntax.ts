// Python source fragments built from spec values. Every value is checked for its type before it is
// written, so a hostile spec cannot smuggle code into model.py: numbers must be finite (integers where
// PyTorch wants ints), booleans real booleans, and free text is reduced to a safe alphabet.
import { tr } from '../../i18n';
import { definitionOf, isLayerKind, type LayerData } from '../../layers';
import type { Layer } from '../spec';

export { pyBool, pyFloat, pyInt } from '../../layers/core/python';

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
  'SCENE',
  'STRIDE',
  'STEPS',
  'BACKGROUND_WEIGHT',
  'TEST_SCENE_SEED',
  'SPLITS',
  'MASK32',
  'INK',
  'SceneRandom',
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
    throw new Error(tr('export:errors.className', { name }));
  }
  return name;
}

/** The torch.nn constructor call for a layer, with PyTorch's defaults left out (from its definition). */
export function constructorCall(layer: Layer, name: string): string {
  if (!isLayerKind(layer.kind)) {
    throw new Error(`${name}: unknown layer kind ${JSON.stringify((layer as { kind: unknown }).kind)}`);
  }
  const module = definitionOf(layer.kind).python.module;
  if (!module) throw new Error(`${name}: ${layer.kind} has no torch.nn module; forward() computes it`);
  return module(layer as unknown as LayerData, name);
}
