// No import circle in src: every relative import (value and type imports alike, and re-exports) is an edge, and
// the graph of src/**/*.ts must have no strongly connected component of more than one file. A circle makes the
// load order decide whether a class is defined yet, and says two modules are one.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { PROJECT_ROOT } from '../config/project-root.js';
import { filesUnder as sourceFiles } from '../../test/support/source-tree.js';

const SRC = path.join(PROJECT_ROOT, 'src');

/** The relative module specifiers of a file's import and export declarations (`import type` included). */
function relativeImports(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
  const specifiers: string[] = [];
  for (const statement of source.statements) {
    const specifier =
      ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement) ? statement.moduleSpecifier : undefined;
    if (specifier && ts.isStringLiteral(specifier) && specifier.text.startsWith('.')) specifiers.push(specifier.text);
  }
  return specifiers;
}

/** `./x.js` from src/a/b.ts → src/a/x.ts (the ESM `.js` of a TypeScript file), or an index.ts. */
function resolve(from: string, specifier: string, known: Set<string>): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, path.join(base, 'index.ts')];
  return candidates.find((c) => known.has(c));
}

function importGraph(files: string[]): Map<string, string[]> {
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets = relativeImports(file)
      .map((s) => resolve(file, s, known))
      .filter((t): t is string => t !== undefined);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Tarjan's strongly connected components with more than one file, or a file importing itself. */
function circles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || graph.get(v)!.includes(v)) found.push(component.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

/** One shortest circle through the first file of a component, as `a → b → a`, to say where to cut. */
function shortestCircle(graph: Map<string, string[]>, component: string[]): string {
  const inside = new Set(component);
  const start = component[0];
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const v = queue.shift()!;
    for (const w of graph.get(v) ?? []) {
      if (!inside.has(w)) continue;
      if (w === start) {
        const walk = [v];
        while (walk[0] !== start) walk.unshift(previous.get(walk[0])!);
        return [...walk, start].map((f) => path.relative(SRC, f)).join(' → ');
      }
      if (!previous.has(w)) {
        previous.set(w, v);
        queue.push(w);
      }
    }
  }
  return component.map((f) => path.relative(SRC, f)).join(', ');
}

/**
 * The folder a file belongs to in the graph between folders (src/intake/x.ts: `intake`). The files at the root
 * of src and the command-line entry points (`*-cli.ts`) stand alone: they assemble the app, nothing imports them.
 */
function folderOf(file: string): string {
  const relative = path.relative(SRC, file);
  const parts = relative.split(path.sep);
  return parts.length === 1 || relative.endsWith('-cli.ts') ? relative : parts[0];
}

/** The graph between folders, from the graph between files (specs left out: nothing imports them). */
function folderGraph(graph: Map<string, string[]>): Map<string, string[]> {
  const folders = new Map<string, Set<string>>();
  for (const [file, targets] of graph) {
    if (file.endsWith('.spec.ts')) continue;
    const from = folderOf(file);
    const edges = folders.get(from) ?? new Set<string>();
    for (const target of targets) if (folderOf(target) !== from) edges.add(folderOf(target));
    folders.set(from, edges);
  }
  return new Map([...folders].map(([folder, edges]) => [folder, [...edges]]));
}

/** Which files make the edge between two folders, to say what to move. */
function edgeFiles(graph: Map<string, string[]>, from: string, to: string): string[] {
  return [...graph]
    .filter(([file]) => !file.endsWith('.spec.ts') && folderOf(file) === from)
    .flatMap(([file, targets]) =>
      targets.filter((t) => folderOf(t) === to).map((t) => `${path.relative(SRC, file)} → ${path.relative(SRC, t)}`),
    );
}

describe('import graph of src', () => {
  it('reads value, type and re-export imports', () => {
    const graph = importGraph(sourceFiles(SRC));
    const role = path.join(SRC, 'common', 'role.ts');
    expect(graph.get(path.join(SRC, 'auth', 'route-inventory.ts'))).toContain(role);
    expect([...graph.values()].flat().length).toBeGreaterThan(500);
  });

  it('finds a circle, and only a circle', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', []],
      ['e', ['e']],
    ]);
    expect(circles(graph)).toEqual([['a', 'b', 'c'], ['e']]);
  });

  it('has no import circle', () => {
    const graph = importGraph(sourceFiles(SRC));
    const found = circles(graph).map((component) => `${component.length} files: ${shortestCircle(graph, component)}`);
    expect(found).toEqual([]);
  });

  it('has no circle between folders (each feature folder is one module)', () => {
    const files = importGraph(sourceFiles(SRC));
    const graph = folderGraph(files);
    const found = circles(graph).map((component) => {
      const inside = new Set(component);
      const edges = component.flatMap((from) =>
        graph
          .get(from)!
          .filter((to) => inside.has(to))
          .flatMap((to) => edgeFiles(files, from, to)),
      );
      return `${component.join(' ↔ ')}:\n  ${edges.join('\n  ')}`;
    });
    expect(found).toEqual([]);
  });
});
