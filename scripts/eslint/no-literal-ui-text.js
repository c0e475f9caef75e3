// ESLint rule: a component renders no literal user-facing text, so every word reaches the reader through a
// catalogue (src/i18n/locales). It reports JSX text, string literals rendered as children, and literals in
// user-facing attributes (aria-label, title, placeholder, alt, label...), unless every word in them is on
// the allow-list (PyTorch names such as Conv2d and kernel_size, units, symbols: these read the same in
// every language). Text inside <code>, <kbd>, <samp> and <var> is code, not prose.

const ATTRIBUTES = [
  'aria-label',
  'aria-description',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'title',
  'placeholder',
  'alt',
  'label',
];
const CODE_ELEMENTS = new Set(['code', 'kbd', 'samp', 'var']);
const WORD = /[\p{L}\p{N}_]+/gu;
const LETTER = /\p{L}/u;

/** The literal strings an expression can evaluate to (both arms of `a ? 'x' : 'y'`, `b || 'z'`...). */
function literals(node) {
  if (!node) return [];
  switch (node.type) {
    case 'Literal':
      return typeof node.value === 'string' ? [{ node, text: node.value }] : [];
    case 'TemplateLiteral':
      return node.quasis.map((q) => ({ node: q, text: q.value.cooked ?? '' }));
    case 'ConditionalExpression':
      return [...literals(node.consequent), ...literals(node.alternate)];
    case 'LogicalExpression':
      // `cond && 'text'` renders only its right side; `a || 'text'` and `a ?? 'text'` either.
      return node.operator === '&&'
        ? literals(node.right)
        : [...literals(node.left), ...literals(node.right)];
    case 'BinaryExpression':
      return node.operator === '+' ? [...literals(node.left), ...literals(node.right)] : [];
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
      return literals(node.expression);
    default:
      return [];
  }
}

const elementName = (element) =>
  element?.type === 'JSXElement' && element.openingElement.name.type === 'JSXIdentifier'
    ? element.openingElement.name.name
    : null;

export default {
  meta: {
    type: 'problem',
    docs: { description: 'User-facing text in components comes from the catalogues (src/i18n).' },
    schema: [
      {
        type: 'object',
        properties: { allow: { type: 'array', items: { type: 'string' } } },
        additionalProperties: false,
      },
    ],
    messages: {
      literal:
        'Literal user-facing text "{{text}}": put it in a catalogue (src/i18n/locales) and render it with t().',
    },
  },
  create(context) {
    const allowed = new Set(context.options[0]?.allow ?? []);
    const isProse = (text) => (text.match(WORD) ?? []).some((w) => LETTER.test(w) && !allowed.has(w));
    const report = (node, text) => {
      if (!isProse(text)) return;
      const shown = text.trim().replace(/\s+/g, ' ');
      context.report({
        node,
        messageId: 'literal',
        data: { text: shown.length > 40 ? `${shown.slice(0, 40)}…` : shown },
      });
    };
    const inCode = (node) => CODE_ELEMENTS.has(elementName(node.parent));
    return {
      JSXText(node) {
        if (!inCode(node)) report(node, node.value);
      },
      JSXExpressionContainer(node) {
        if (node.parent.type === 'JSXAttribute' || inCode(node)) return;
        for (const { node: at, text } of literals(node.expression)) report(at, text);
      },
      JSXAttribute(node) {
        const name = node.name.type === 'JSXIdentifier' ? node.name.name : null;
        if (!name || !ATTRIBUTES.includes(name) || !node.value) return;
        const value = node.value.type === 'JSXExpressionContainer' ? node.value.expression : node.value;
        for (const { node: at, text } of literals(value)) report(at, text);
      },
    };
  },
};
