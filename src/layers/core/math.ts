// A tiny MathML tree: built by pure functions (each layer's explain), rendered by ui/inspect/MathView.tsx
// as MathML Core elements, and flattened to plain text for tests and accessible labels.

export type Token = { tag: 'mi' | 'mn' | 'mo' | 'mtext'; text: string };
export type Group = {
  tag: 'mrow' | 'msub' | 'msup' | 'munder' | 'munderover' | 'mfrac' | 'msqrt';
  children: MNode[];
};
export type MNode = Token | Group;

export const mi = (text: string): Token => ({ tag: 'mi', text });
export const mn = (value: number): Token => ({ tag: 'mn', text: formatNumber(value) });
export const mo = (text: string): Token => ({ tag: 'mo', text });
export const mtext = (text: string): Token => ({ tag: 'mtext', text });
export const row = (...children: MNode[]): Group => ({ tag: 'mrow', children });
export const sub = (base: MNode, index: MNode): Group => ({ tag: 'msub', children: [base, index] });
export const sup = (base: MNode, power: MNode): Group => ({ tag: 'msup', children: [base, power] });
export const under = (base: MNode, below: MNode): Group => ({ tag: 'munder', children: [base, below] });
export const underover = (base: MNode, below: MNode, above: MNode): Group => ({
  tag: 'munderover',
  children: [base, below, above],
});
export const frac = (num: MNode, den: MNode): Group => ({ tag: 'mfrac', children: [num, den] });
export const sqrt = (...children: MNode[]): Group => ({ tag: 'msqrt', children });

function formatNumber(v: number): string {
  const s = Number.isInteger(v) ? String(Math.abs(v)) : String(Math.abs(v));
  return v < 0 ? `−${s}` : s;
}

/** The terms Σ coef·name + constant as an index expression, e.g. "2·i + m − 1" (unit and zero terms dropped). */
export function affine(terms: [number, string][], constant = 0): MNode {
  const parts: MNode[] = [];
  const push = (sign: number, body: MNode[]) => {
    if (parts.length === 0) {
      if (sign < 0) parts.push(mo('−'));
    } else parts.push(mo(sign < 0 ? '−' : '+'));
    parts.push(...body);
  };
  for (const [coef, name] of terms) {
    if (coef === 0) continue;
    const a = Math.abs(coef);
    push(Math.sign(coef), a === 1 ? [mi(name)] : [mn(a), mo('·'), mi(name)]);
  }
  if (constant !== 0 || parts.length === 0) push(Math.sign(constant) || 1, [mn(Math.abs(constant))]);
  return row(...parts);
}

/** Plain text of a tree: subscripts as _x, powers as ^x, sums with their limits in braces. */
export function mathText(node: MNode): string {
  switch (node.tag) {
    case 'mi':
    case 'mn':
    case 'mo':
    case 'mtext':
      return node.text;
    case 'mrow':
      return node.children
        .map(mathText)
        .join(' ')
        .replace(/([\p{L}\p{N}_}]) \( /gu, '$1(')
        .replace(/ \( /g, ' (')
        .replace(/ \)/g, ')')
        .replace(/ , /g, ', ');
    case 'msub':
      return `${mathText(node.children[0])}_${wrap(node.children[1])}`;
    case 'msup':
      return `${mathText(node.children[0])}^${wrap(node.children[1])}`;
    case 'munder':
      return `${mathText(node.children[0])}_${wrap(node.children[1])}`;
    case 'munderover':
      return `${mathText(node.children[0])}_${wrap(node.children[1])}^${wrap(node.children[2])}`;
    case 'mfrac':
      return `(${mathText(node.children[0])})/(${mathText(node.children[1])})`;
    case 'msqrt':
      return `√(${node.children.map(mathText).join(' ')})`;
  }
}

function wrap(node: MNode): string {
  const t = mathText(node);
  return t.includes(' ') || t.length > 1 ? `{${t}}` : t;
}
