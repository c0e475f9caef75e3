// model.py: a self-contained PyTorch module equal to a playground design. Layers live in attributes
// named as in state-dict.ts, forward() applies them in order with each output shape in a comment, and
// load_weights() reads safetensors with plain Python so Debian's python3-torch alone can run it.
import { definitionOf } from '../../layers';
import { FROM_INPUT, resolveInputs } from '../../layers/core/graph';
import { analyzeSpec, wireSpec } from '../analyze';
import type { NetworkSpec, Shape } from '../spec';
import { className, checkIdentifier, constructorCall, pyFloat, pyInt, pyText } from './python-syntax';
import { normalizationOf, type Normalization } from './normalization';
import { dataSectionOf } from './python-data';
import { classesOf, isUserDataset } from '../dataset-input';
import { CLASS_NAMES, LOAD_WEIGHTS, READ_SAFETENSORS, mainBody } from './python-snippets';
import { moduleNames } from './state-dict';
import { isDenseTask } from '../dense';
import { DECODE_PY, scenesPy, sceneConstant } from './python-scenes';
import { strideOf } from './dense-snippets';
import { tr } from '../../i18n';

export interface ModelPyOptions {
  /** The nn.Module class name; default: the design's name in PascalCase. */
  className?: string;
  /** Input normalisation; default normalizationOf(spec). */
  normalize?: Normalization;
  /** A user dataset's class names, for the demo's printout; default 0, 1, 2, ... */
  classNames?: readonly string[];
  /** A conditional GAN's half (digits one-hot after G's noise, as planes after D's image): forward takes
   *  (z, y) or (x, y), y the digits, and packs them itself. */
  condition?: number;
}

/** A design ready to write out: autoWired sizes filled in and every layer's output shape known. */
export interface ExportPlan {
  spec: NetworkSpec;
  className: string;
  names: string[];
  inputShape: Shape;
  outputShapes: Shape[];
}

/** Validates and wires a spec for export; throws with the analysis's first error if it cannot run. */
export function planExport(spec: NetworkSpec, options: ModelPyOptions = {}): ExportPlan {
  const wired = wireSpec(spec);
  const analysis = analyzeSpec(wired);
  const error = analysis.issues.find((i) => i.severity === 'error');
  if (error || analysis.layers.some((l) => l.outputShape === null)) {
    throw new Error(
      tr('export:errors.cannotExport', { reason: error?.message ?? tr('export:errors.shapesDoNotFit') }),
    );
  }
  return {
    spec: wired,
    className: checkIdentifier(options.className ?? className(spec.name)),
    names: moduleNames(wired.layers),
    inputShape: [...wired.input.shape],
    outputShapes: analysis.layers.map((l) => l.outputShape as Shape),
  };
}

const batched = (shape: Shape) => `[N, ${shape.join(', ')}]`;

function docstring(plan: ExportPlan): string {
  const { spec } = plan;
  const title = pyText(spec.name) || tr('export:model.untitled');
  const output = plan.outputShapes[plan.outputShapes.length - 1];
  const input =
    spec.task === 'generator'
      ? tr('export:model.inputNoise', { shape: batched(plan.inputShape) })
      : isDenseTask(spec.task)
        ? tr('export:model.inputScenes', { shape: batched(plan.inputShape) })
        : tr('export:model.inputImages', { shape: batched(plan.inputShape) });
  const does = tr(`export:model.does.${spec.task}`);
  return `"""${tr('export:model.title', { title, what: tr(`export:model.task.${spec.task}`) })}

${tr('export:model.inputLine', { input })}
${tr('export:model.outputLine', { output: batched(output) })}

    python3 model.py    # ${tr('export:model.runLine', { does })}

${tr('export:model.needs')}
"""`;
}

function constants(plan: ExportPlan, norm: Normalization, options: ModelPyOptions): string[] {
  const lines: string[] = [];
  if (plan.spec.task !== 'generator') {
    lines.push(`MEAN, STD = ${pyFloat(norm.mean, 'mean')}, ${pyFloat(norm.std, 'std')}`);
  }
  if (plan.spec.task === 'classification') {
    lines.push(
      `CLASSES = [${classNames(plan.spec, options)
        .map((c) => `'${c}'`)
        .join(', ')}]`,
    );
  }
  const condition = options.condition ?? 0;
  if (plan.spec.task === 'generator')
    lines.push(`LATENT_DIM = ${pyInt(plan.inputShape[0] - condition, 'latentDim')}`);
  if (condition > 0) lines.push(`DIGITS = ${pyInt(condition, 'digits')}`);
  if (isDenseTask(plan.spec.task)) {
    lines.push(sceneConstant(plan.spec));
    const output = plan.outputShapes[plan.outputShapes.length - 1];
    if (plan.spec.task === 'detection')
      lines.push(
        `STRIDE = ${pyInt(strideOf(plan.inputShape, output), 'stride')}  # ${tr('export:model.strideComment')}`,
      );
  }
  lines.push('HERE = os.path.dirname(os.path.abspath(__file__))');
  return lines;
}

/** The class names model.py prints: a built-in's, or the user's (as safe text; their number when a name
 *  has none), or 0, 1, 2, ... */
function classNames(spec: NetworkSpec, options: ModelPyOptions): string[] {
  if (!isUserDataset(spec.input.dataset)) return [...CLASS_NAMES[spec.input.dataset]];
  return Array.from(
    { length: classesOf(spec.input) },
    (_, i) => pyText(options.classNames?.[i] ?? '', 40) || String(i),
  );
}

/**
 * forward()'s body: each layer's result goes to `x`; a result some later layer reads again (a skip or
 * residual connection) is also kept under its module's name, `<name>_out` (the input as `x_in`).
 */
function forwardLines(plan: ExportPlan): string[] {
  const layers = plan.spec.layers;
  const sources = resolveInputs(layers);
  const keep = (s: number) => sources.some((from, j) => j !== s + 1 && from.includes(s));
  const saved = (s: number) => (s === FROM_INPUT ? 'x_in' : `${plan.names[s]}_out`);
  const lines = keep(FROM_INPUT) ? ['        x_in = x'] : [];
  layers.forEach((layer, i) => {
    const python = definitionOf(layer.kind).python;
    const args = sources[i].map((s) => (s === i - 1 ? 'x' : saved(s ?? FROM_INPUT)));
    const self = `self.${plan.names[i]}`;
    const expression = python.call ? python.call(args, self) : `${self}(${args[0]})`;
    lines.push(`        x = ${expression}  # ${batched(plan.outputShapes[i])}${python.note ?? ''}`);
    if (keep(i)) lines.push(`        ${saved(i)} = x`);
  });
  return lines;
}

/** forward()'s signature and the lines that pack a conditional GAN's digits into the network's input. */
function forwardHead(plan: ExportPlan, condition: number): string {
  if (condition === 0) return `    def forward(self, x):\n        # x: ${batched(plan.inputShape)}`;
  if (plan.spec.task === 'generator') {
    return `    def forward(self, z, y):
        # z: [N, LATENT_DIM] noise, y: [N] digits 0..DIGITS-1; the network reads z with y one-hot after it
        x = torch.cat([z, nn.functional.one_hot(y, DIGITS).to(z.dtype)], 1)  # ${batched(plan.inputShape)}`;
  }
  const [channels] = plan.inputShape;
  return `    def forward(self, x, y):
        # x: [N, ${channels - condition}, ${plan.inputShape.slice(1).join(', ')}] images, y: [N] their digits; the network reads the image with one constant plane per digit (1 on y's)
        planes = nn.functional.one_hot(y, DIGITS).to(x.dtype)[:, :, None, None]
        x = torch.cat([x, planes.expand(-1, -1, x.shape[2], x.shape[3])], 1)  # ${batched(plan.inputShape)}`;
}

function moduleClass(plan: ExportPlan, condition = 0): string {
  const layers = plan.spec.layers;
  const init = layers.flatMap((layer, i) =>
    definitionOf(layer.kind).python.module
      ? [`        self.${plan.names[i]} = ${constructorCall(layer, plan.names[i])}`]
      : [],
  );
  const forward = forwardLines(plan);
  return `class ${plan.className}(nn.Module):
    def __init__(self):
        super().__init__()
${init.join('\n')}

${forwardHead(plan, condition)}
${forward.join('\n')}
        return x

${LOAD_WEIGHTS}`;
}

/** The classes model.py defines for kinds PyTorch lacks (a VAE's Reparameterize), once each, in layer order. */
export function customModules(spec: NetworkSpec): string[] {
  return [...new Set(spec.layers.map((l) => definitionOf(l.kind).python.definition ?? ''))].filter(Boolean);
}

/** The classes whose modules add a term to the training loss, with that attribute: [['Reparameterize', 'kl']]. */
export function lossTerms(spec: NetworkSpec): [string, string][] {
  const terms = new Map<string, string>();
  for (const l of spec.layers) {
    const py = definitionOf(l.kind).python;
    const name = py.definition && /^class (\w+)\(/.exec(py.definition)?.[1];
    if (name && py.lossTerm) terms.set(name, py.lossTerm);
  }
  return [...terms];
}

/** The complete model.py for a design. */
export function exportModelPy(spec: NetworkSpec, options: ModelPyOptions = {}): string {
  const plan = planExport(spec, options);
  const norm = options.normalize ?? normalizationOf(plan.spec);
  const task = plan.spec.task;
  const last = plan.spec.layers[plan.spec.layers.length - 1];
  // gzip reads the .gz IDX files of the data section, which a generator has no use for.
  const modules = task === 'generator' ? ['json', 'os', 'struct'] : ['gzip', 'json', 'os', 'struct'];
  const imports = modules.map((m) => `import ${m}\n`).join('');
  const sections = [
    `${docstring(plan)}\n${imports}\nimport torch\nfrom torch import nn\n\n${constants(plan, norm, options).join('\n')}`,
    ...customModules(plan.spec),
    moduleClass(plan, options.condition),
    READ_SAFETENSORS,
  ];
  if (task !== 'generator') sections.push(dataSectionOf(plan.spec.input));
  if (isDenseTask(task)) sections.push(scenesPy());
  if (task === 'detection') sections.push(DECODE_PY);
  sections.push(
    `def main():
    model = ${plan.className}().load_weights(os.path.join(HERE, 'weights.safetensors')).eval()
${mainBody(task, Boolean(definitionOf(last.kind).traits?.sigmoid), Boolean(options.condition))}`,
    "if __name__ == '__main__':\n    main()",
  );
  // PEP 8: two blank lines around top-level definitions.
  return sections.join('\n\n\n') + '\n';
}
