// Renders a formula tree as MathML Core (native in Chromium and Firefox): no TeX, no library.
import { createElement, type ReactNode } from 'react';
import { mathText, type MNode } from '../../layers';

function render(node: MNode, key: number): ReactNode {
  if ('text' in node) return createElement(node.tag, { key }, node.text);
  return createElement(node.tag, { key }, node.children.map(render));
}

export function MathView({ node, display = true }: { node: MNode; display?: boolean }) {
  return createElement(
    'math',
    { display: display ? 'block' : 'inline', 'aria-label': mathText(node) },
    render(node, 0),
  );
}
