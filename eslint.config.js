// Lint enforces the module directions of docs/ARCHITECTURE.md: a forbidden import is an error.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import path from 'node:path';
import noLiteralUiText from './scripts/eslint/no-literal-ui-text.js';

const reactLike = [
  'react',
  'react-dom',
  'react-dom/*',
  'react-i18next',
  'zustand',
  'zustand/*',
  'recharts',
  '@dnd-kit/*',
  '@xyflow/*',
];
const layer = (name) => [`**/${name}`, `**/${name}/**`];
const forbid = (groups, message) => groups.map((group) => ({ group, message }));
// A kind's plans (kernels): only the model builder loads them, never the page.
const plans = ['**/layers/plans', '**/layers/*/plans', '**/layers/core/plan', '**/layers/core/*-plans'];

// The DOM objects no core module may touch: they exist only on the page.
const domGlobals = [
  'document',
  'window',
  'localStorage',
  'sessionStorage',
  'HTMLElement',
  'HTMLCanvasElement',
].map((name) => ({ name, message: 'Core modules never touch the DOM; pass data in from ui/.' }));

const restrict = (files, patterns, extra = {}) => ({
  files,
  rules: { 'no-restricted-imports': ['error', { patterns }], ...extra },
});

/**
 * Words a component may show as written in every language: PyTorch's names for layers and parameters (the
 * prose around them is translated), formats, units and proper names.
 */
const UI_WORDS = [
  ...['Conv2d', 'ConvTranspose2d', 'MaxPool2d', 'AvgPool2d', 'AdaptiveAvgPool2d', 'BatchNorm2d', 'GroupNorm'],
  ...[
    'ReLU',
    'LeakyReLU',
    'ELU',
    'GELU',
    'SiLU',
    'nn',
    'torch',
    'PyTorch',
    'ONNX',
    'safetensors',
    'state_dict',
  ],
  ...['kernel_size', 'stride', 'padding', 'dilation', 'in_channels', 'out_channels', 'in_features'],
  ...['out_features', 'groups', 'num_groups', 'lr', 'Adam', 'SGD', 'py', 'zip', 'json'],
  ...['WebGPU', 'WGSL', 'WebAssembly', 'wasm', 'SIMD', 'CPU', 'GPU', 'MNIST', 'CIFAR', 'CNN', 'GAN', 'DCGAN'],
  ...['FCN', 'CenterNet', 'LeNet', 'IoU', 'px', 'ms', 'KiB', 'MiB', 'GiB', 'KB', 'MB', 'GB', 'x', 'k'],
];

/** Names of values that hold a time: `ms`, `stepMs`, `seconds`, `elapsed`, `durationMs`. */
const TIMED = '/(^ms|Ms|MS|^seconds|Seconds|^elapsed|Elapsed|^duration|Duration)$/';

/**
 * What is wrong with a file's name under the house convention (docs/ARCHITECTURE.md, "File names"), or
 * null: modules kebab-case, React components PascalCase (.tsx), hooks useX, kernel specs in gpu/kernels
 * snake_case like their WGSL, and test helpers inside a testing/ folder.
 */
function fileNameProblem(file) {
  const parts = file.split('/');
  const [stem, ...dotted] = parts.at(-1).split('.');
  const ext = dotted.at(-1);
  if (/^(test-utils|testing)$|-testing$|^testing-|-test-utils$/.test(stem) && !parts.includes('testing'))
    return 'test helpers live in a testing/ folder';
  if (!dotted.slice(0, -1).every((part) => /^[a-z0-9]+$/.test(part)))
    return 'the parts after the name are lowercase';
  if (file.startsWith('src/gpu/kernels/'))
    return /^[a-z0-9]+(_[a-z0-9]+)*$/.test(stem)
      ? null
      : 'a kernel spec is named as its WGSL file, snake_case';
  if (/^use[A-Z][A-Za-z0-9]*$/.test(stem) || /^[a-z0-9]+(-[a-z0-9]+)*$/.test(stem)) return null;
  if (ext === 'tsx' && /^[A-Z][A-Za-z0-9]*$/.test(stem)) return null;
  return ext === 'tsx'
    ? 'a component is PascalCase, a hook useX, any other module kebab-case'
    : 'a module is kebab-case (a hook useX)';
}

const house = {
  rules: {
    'file-names': {
      meta: { type: 'problem', schema: [], messages: { name: "file name '{{file}}': {{why}}." } },
      create(context) {
        const file = path.relative(context.cwd, context.filename).split(path.sep).join('/');
        const why = fileNameProblem(file);
        if (!why) return {};
        return { Program: (node) => context.report({ node, messageId: 'name', data: { file, why } }) };
      },
    },
  },
};

export default tseslint.config(
  {
    ignores: [
      '**/dist',
      'node_modules',
      'public',
      'test-results',
      'playwright-report',
      'bench/results',
      'bench/node-dist',
      '.vite',
      '.*.mjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  // One naming convention for every file (see fileNameProblem).
  {
    files: ['src/**/*.{ts,tsx}', 'e2e/**/*.ts', 'bench/**/*.{ts,mjs}', 'scripts/**/*.{ts,mjs}'],
    plugins: { house },
    rules: { 'house/file-names': 'error' },
  },
  // Command-line programs report on stdout.
  { files: ['examples/**', 'scripts/**', 'bench/**'], rules: { 'no-console': 'off' } },
  // Tests assert behaviour; speed is shown by `npm run bench`. An upper bound on a time is refused.
  {
    files: ['**/*.test.ts', 'e2e/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...['arguments.0.name', 'arguments.0.property.name'].map((path) => ({
          selector: `CallExpression[callee.property.name=/^toBeLessThan/][callee.object.${path}=${TIMED}]`,
          message: 'Tests must not assert durations: report the time, and measure speed in npm run bench.',
        })),
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  // What a component shows comes from the catalogues; scripts/eslint/no-literal-ui-text.js says how.
  {
    files: ['src/ui/**/*.tsx'],
    plugins: { local: { rules: { 'no-literal-ui-text': noLiteralUiText } } },
    rules: { 'local/no-literal-ui-text': ['error', { allow: UI_WORDS }] },
  },
  restrict(
    ['src/ui/**'],
    forbid(
      [[...layer('engine'), ...layer('gpu'), ...layer('model'), ...plans]],
      'ui/ talks to the engine only through training/ (TrainerClient); it reads layer definitions, never their plans.',
    ),
  ),
  restrict(
    ['src/engine/**', 'src/gpu/**'],
    forbid(
      [
        reactLike,
        [
          ...layer('ui'),
          ...layer('training'),
          ...layer('network'),
          ...layer('data'),
          ...layer('layers'),
          ...layer('model'),
        ],
      ],
      'engine/ and gpu/ are framework-free and import only downwards (engine -> gpu -> shaders).',
    ),
    { 'no-restricted-globals': ['error', ...domGlobals] },
  ),
  restrict(
    ['src/gpu/**'],
    forbid(
      [
        reactLike,
        [
          ...layer('engine'),
          ...layer('ui'),
          ...layer('training'),
          ...layer('network'),
          ...layer('data'),
          ...layer('layers'),
          ...layer('model'),
        ],
      ],
      'gpu/ imports only shaders/.',
    ),
    { 'no-restricted-globals': ['error', ...domGlobals] },
  ),
  restrict(
    ['src/data/**'],
    forbid(
      [
        reactLike,
        [
          ...layer('engine'),
          ...layer('gpu'),
          ...layer('ui'),
          ...layer('training'),
          ...layer('network'),
          ...layer('layers'),
          ...layer('model'),
        ],
      ],
      'data/ imports nothing else from the project.',
    ),
    { 'no-restricted-globals': ['error', ...domGlobals] },
  ),
  // A layer kind is one folder: its definition (pure: the page reads it) and its plans (engine ops).
  restrict(
    ['src/layers/**'],
    forbid(
      [
        reactLike,
        [...layer('ui'), ...layer('training'), ...layer('network'), ...layer('data'), ...layer('model')],
      ],
      'layers/ holds what each kind means and how it runs; it imports only the engine below it.',
    ),
    { 'no-restricted-globals': ['error', ...domGlobals] },
  ),
  {
    ...restrict(
      ['src/layers/**'],
      forbid(
        [
          reactLike,
          [...layer('ui'), ...layer('training'), ...layer('network'), ...layer('data'), ...layer('model')],
          ['**/engine/**', '!**/engine/geometry', '**/gpu/**', ...plans],
        ],
        "A layer definition is pure: it may use the engine's geometry, never kernels (those go in plans.ts).",
      ),
      { 'no-restricted-globals': ['error', ...domGlobals] },
    ),
    ignores: [
      'src/layers/**/plans.ts',
      'src/layers/core/plan.ts',
      'src/layers/core/*-plans.ts',
      '**/*.test.ts',
    ],
  },
  restrict(
    ['src/model/**'],
    forbid(
      [reactLike, [...layer('ui'), ...layer('training'), ...layer('network'), ...layer('data')]],
      'model/ builds models from layer plans on the engine; it knows nothing of designs, training or the page.',
    ),
    { 'no-restricted-globals': ['error', ...domGlobals] },
  ),
  restrict(
    ['src/network/**'],
    forbid(
      [
        reactLike,
        [
          ...layer('engine'),
          ...layer('gpu'),
          ...layer('ui'),
          ...layer('training'),
          ...layer('data'),
          ...layer('model'),
          ...plans,
        ],
      ],
      'network/ is pure design logic over the layer definitions: no GPU, no UI.',
    ),
    { 'no-restricted-globals': ['error', ...domGlobals] },
  ),
  // Tests of the network module may take the engine's CPU model as their oracle (export round trip).
  restrict(
    ['src/network/**/*.test.ts', 'src/network/**/testing/**'],
    forbid(
      [reactLike, [...layer('gpu'), ...layer('ui')]],
      'network tests may use engine/ references and the CPU model, never gpu/ or ui/.',
    ),
    { 'no-restricted-globals': ['error', ...domGlobals] },
  ),
  restrict(
    ['src/sw/**'],
    forbid(
      [
        reactLike,
        [...layer('engine'), ...layer('gpu'), ...layer('ui'), ...layer('training'), ...layer('network')],
      ],
      'sw/ (the service worker) imports only data/ types.',
    ),
    { 'no-restricted-globals': ['error', ...domGlobals] },
  ),
  // Lessons and challenges are data and pure rules over designs; the page shows them and feeds them state.
  restrict(
    ['src/lessons/**', 'src/challenges/**'],
    forbid(
      [
        reactLike,
        [
          ...layer('engine'),
          ...layer('gpu'),
          ...layer('ui'),
          ...layer('training'),
          ...layer('data'),
          ...layer('model'),
          ...plans,
        ],
      ],
      'lessons/ and challenges/ are pure data and rules over the network module: no GPU, no UI.',
    ),
    { 'no-restricted-globals': ['error', ...domGlobals] },
  ),
  // Their tests may hold the lesson maths against the engine's reference ops.
  restrict(
    ['src/lessons/**/*.test.ts', 'src/challenges/**/*.test.ts'],
    forbid(
      [reactLike, [...layer('gpu'), ...layer('ui')]],
      'lesson tests may use engine/ references, never gpu/ or ui/.',
    ),
    { 'no-restricted-globals': ['error', ...domGlobals] },
  ),
  // The catalogues and the i18next instance sit below every layer: all may import src/i18n, it imports none.
  restrict(
    ['src/i18n/**'],
    forbid(
      [
        reactLike,
        [
          ...layer('engine'),
          ...layer('gpu'),
          ...layer('ui'),
          ...layer('training'),
          ...layer('network'),
          ...layer('data'),
          ...layer('layers'),
          ...layer('model'),
          ...layer('lessons'),
          ...layer('challenges'),
          ...layer('sw'),
          ...plans,
        ],
      ],
      'i18n/ is the bottom layer: it imports no other part of the app (each layer may import it).',
    ),
    { 'no-restricted-globals': ['error', ...domGlobals] },
  ),
  // Its catalogue test reads the lesson files, whose English is the lessons' catalogue.
  restrict(
    ['src/i18n/**/*.test.ts'],
    forbid(
      [reactLike, [...layer('gpu'), ...layer('ui'), ...layer('engine')]],
      'i18n tests read catalogues only.',
    ),
  ),
  restrict(
    ['src/training/**'],
    forbid([reactLike, layer('ui')], 'training/ is framework-free; ui/ wraps it, never the reverse.'),
    { 'no-restricted-globals': ['error', ...domGlobals] },
  ),
);
