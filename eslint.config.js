// Lint enforces the module directions of docs/ARCHITECTURE.md: a forbidden import is an error.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const reactLike = ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'recharts', '@dnd-kit/*'];
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

/** Names of values that hold a time: `ms`, `stepMs`, `seconds`, `elapsed`, `durationMs`. */
const TIMED = '/(^ms|Ms|MS|^seconds|Seconds|^elapsed|Elapsed|^duration|Duration)$/';

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
  restrict(
    ['src/training/**'],
    forbid([reactLike, layer('ui')], 'training/ is framework-free; ui/ wraps it, never the reverse.'),
    { 'no-restricted-globals': ['error', ...domGlobals] },
  ),
);
