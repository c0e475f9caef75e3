// No import cycle in src/, type-only imports included: a cycle means two modules cannot be read (or
// changed) one without the other. The graph is read with TypeScript's own import scanner, so `import type`,
// `export ... from` and dynamic `import()` all count; only relative imports are followed.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const src = dirname(fileURLToPath(import.meta.url));

/** Every module's relative imports, resolved to module paths among `sources`' keys. */
function importGraph(sources: ReadonlyMap<string, string>): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [file, text] of sources) {
    const targets = ts
      .preProcessFile(text, true, true)
      .importedFiles.map((i) => i.fileName)
      .filter((name) => name.startsWith('.'))
      .map((name) => resolve(dirname(file), name.replace(/\?.*$/, '')))
      .flatMap((base) => {
        const found = ['', '.ts', '.tsx', '/index.ts', '/index.tsx'].find((ext) => sources.has(base + ext));
        return found === undefined ? [] : [base + found];
      });
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** One cycle (first module repeated at the end) per strongly connected group of modules (Tarjan). */
function importCycles(graph: ReadonlyMap<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group = new Set<string>();
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.add(w);
    } while (w !== v);
    if (group.size > 1 || graph.get(v)?.includes(v)) cycles.push(pathBack(v, group, graph));
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return cycles;
}

/** The shortest path from `start` back to itself within `group` (breadth first). */
function pathBack(start: string, group: Set<string>, graph: ReadonlyMap<string, string[]>): string[] {
  const from = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const w of graph.get(queue[i]) ?? []) {
      if (!group.has(w) || from.has(w)) continue;
      from.set(w, queue[i]);
      if (w === start) {
        const path = [start];
        for (let at = from.get(start)!; at !== start; at = from.get(at)!) path.unshift(at);
        return [start, ...path];
      }
      queue.push(w);
    }
  }
  return [start, start];
}

function sourcesUnder(dir: string, into = new Map<string, string>()): Map<string, string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourcesUnder(path, into);
    else if (/\.tsx?$/.test(entry.name)) into.set(path, readFileSync(path, 'utf8'));
  }
  return into;
}

describe('import cycles', () => {
  it('finds none in src/, type-only imports included', () => {
    const cycles = importCycles(importGraph(sourcesUnder(src))).map((cycle) =>
      cycle.map((file) => relative(src, file)).join(' -> '),
    );
    expect(cycles).toEqual([]);
  });

  it('names a cycle made only of type imports, through an index file', () => {
    const sources = new Map([
      ['/p/a.ts', "import type { B } from './b';\nexport interface A { b: B }\n"],
      ['/p/b/index.ts', "export type { C as B } from '../c';\n"],
      ['/p/c.ts', "import { type A } from './a';\nexport interface C { a: A }\n"],
      ['/p/d.ts', "import { a } from './a?raw';\nexport const d = () => import('./c').then(() => a);\n"],
    ]);
    expect(importCycles(importGraph(sources))).toEqual([['/p/a.ts', '/p/b/index.ts', '/p/c.ts', '/p/a.ts']]);
  });

  it('counts a dynamic import and a module importing itself', () => {
    const sources = new Map([
      ['/p/x.ts', "export const load = () => import('./y');\n"],
      ['/p/y.ts', "import { load } from './x';\nexport const again = load;\n"],
      ['/p/self.ts', "export * from './self';\n"],
    ]);
    const cycles = importCycles(importGraph(sources));
    expect(cycles).toContainEqual(['/p/x.ts', '/p/y.ts', '/p/x.ts']);
    expect(cycles).toContainEqual(['/p/self.ts', '/p/self.ts']);
    expect(cycles).toHaveLength(2);
  });
});
