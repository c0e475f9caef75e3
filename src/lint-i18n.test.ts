// Proves that lint refuses literal user-facing text in a component (scripts/eslint/no-literal-ui-text.js):
// JSX text, rendered string literals and user-facing attributes, except PyTorch names, units and symbols.
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const eslint = new ESLint({ cwd: root });

/** The literal texts lint reports in `body` (a component's JSX) in a file under src/ui/. */
async function literalTexts(body: string, filePath = 'src/ui/shell/Example.tsx'): Promise<string[]> {
  const code = `import { useTranslation } from 'react-i18next';\nexport function Example({ on, n }: { on: boolean; n: number }) {\n  const { t } = useTranslation();\n  return (\n    <>${body}</>\n  );\n}\n`;
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return result.messages
    .filter((m) => m.ruleId === 'local/no-literal-ui-text' && m.severity === 2)
    .map((m) => /"(.*)"/.exec(m.message)?.[1] ?? m.message);
}

// The first lint loads ESLint and the TypeScript parser: seconds on a busy CI machine.
describe('lint refuses literal text in components', { timeout: 60_000 }, () => {
  it('reports JSX text and literals rendered as children', async () => {
    expect(await literalTexts('<p>Train the network</p>')).toEqual(['Train the network']);
    expect(await literalTexts("<p>{on ? 'Pause' : t('x')}</p>")).toEqual(['Pause']);
    expect(await literalTexts("<p>{on && 'Stopped'}{`${n} layers`}</p>")).toEqual(['Stopped', 'layers']);
    expect(await literalTexts('<p>卷积</p>')).toEqual(['卷积']);
  });

  it('reports user-facing attributes, not others', async () => {
    expect(
      await literalTexts(
        '<input aria-label="Learning rate" title="Step size" placeholder="Name" className="big words" />',
      ),
    ).toEqual(['Learning rate', 'Step size', 'Name']);
    expect(await literalTexts('<img alt="A digit" src="x.png" />')).toEqual(['A digit']);
    expect(await literalTexts("<option label={on ? 'Fast' : 'Slow'} value=\"fast\" />")).toEqual([
      'Fast',
      'Slow',
    ]);
  });

  it('accepts catalogue text, PyTorch names, units, symbols, numbers and code', async () => {
    expect(
      await literalTexts(
        "<p title={t('a')}>{t('b', { n })}</p><span>Conv2d · kernel_size × 3 → 28 px (%)</span><code>nn.Sequential(x)</code>",
      ),
    ).toEqual([]);
  });

  it('covers every component unless it is still pending translation', async () => {
    expect(await literalTexts('<p>Hello</p>', 'src/ui/some/NewPanel.tsx')).toEqual(['Hello']);
    expect(await literalTexts('<p>Hello</p>', 'src/ui/shell/Header.tsx')).toEqual(['Hello']);
  });
});
