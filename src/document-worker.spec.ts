// Rendering a PDF happens in a worker thread, never on the event loop of a request: a check over the source tree.
// Only src/common/pdf.ts imports pdfkit; what loads it (the renderers) is loaded only by the document worker
// (src/document-worker.ts); the application's entry point never loads any of it, so a request can only reach a
// renderer through the DocumentRenderer's pool. Edges are value imports (a type import loads nothing).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { PROJECT_ROOT } from './config/project-root.js';
import { sourceFiles } from '../test/support/source-tree.js';

const SRC = path.join(PROJECT_ROOT, 'src');

/** Whether an import or export declaration loads its module at run time. */
function loads(statement: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(statement)) {
    if (statement.isTypeOnly) return false;
    const clause = statement.exportClause;
    return !(clause && ts.isNamedExports(clause) && clause.elements.every((e) => e.isTypeOnly));
  }
  const clause = statement.importClause;
  if (!clause) return true; // import 'x' (side effects)
  if (clause.isTypeOnly) return false;
  if (clause.name) return true;
  const bindings = clause.namedBindings;
  if (!bindings || ts.isNamespaceImport(bindings)) return true;
  return bindings.elements.length === 0 || bindings.elements.some((e) => !e.isTypeOnly);
}

/** The specifiers a file loads at run time: static imports and re-exports, and dynamic `import()` of a literal. */
function loadedSpecifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  for (const statement of source.statements) {
    if ((ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && loads(statement)) {
      const specifier = statement.moduleSpecifier;
      if (specifier && ts.isStringLiteral(specifier)) found.push(specifier.text);
    }
  }
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function resolve(from: string, specifier: string, known: Set<string>): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), specifier);
  return [base.replace(/\.js$/, '.ts'), base, `${base}.ts`, path.join(base, 'index.ts')].find((c) => known.has(c));
}

const files = sourceFiles(SRC);
const known = new Set(files);
const specifiers = new Map(files.map((f) => [f, loadedSpecifiers(f)]));
const graph = new Map(
  files.map((f) => [
    f,
    specifiers
      .get(f)!
      .map((s) => resolve(f, s, known))
      .filter((t): t is string => t !== undefined),
  ]),
);

function reachable(from: string): Set<string> {
  const seen = new Set<string>([from]);
  const queue = [from];
  while (queue.length > 0) {
    for (const next of graph.get(queue.shift()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

const rel = (f: string) => path.relative(SRC, f);
const PDF = path.join(SRC, 'common', 'pdf.ts');
const WORKER = path.join(SRC, 'document-worker.ts');

describe('PDF rendering stays in the document worker', () => {
  it('only src/common/pdf.ts imports pdfkit', () => {
    const importers = files.filter((f) => specifiers.get(f)!.some((s) => s === 'pdfkit' || s.startsWith('pdfkit/')));
    expect(importers.map(rel)).toEqual(['common/pdf.ts']);
  });

  it('the worker loads the PDF code; the application (main.ts, app.module.ts, app.factory.ts) never does', () => {
    expect(reachable(WORKER).has(PDF)).toBe(true);
    for (const entry of ['main.ts', 'app.factory.ts', 'app.module.ts']) {
      const loaded = reachable(path.join(SRC, entry));
      expect({ entry, loadsPdfKit: loaded.has(PDF) }).toEqual({ entry, loadsPdfKit: false });
    }
  });

  it('every module that loads src/common/pdf.ts is loaded by the worker and by nothing the application loads', () => {
    const app = reachable(path.join(SRC, 'main.ts'));
    const worker = reachable(WORKER);
    const loadersOfPdf = files.filter((f) => f !== PDF && reachable(f).has(PDF));
    expect(loadersOfPdf.length).toBeGreaterThan(5); // the renderers: notice, case file, letter, agreement, ruling, fee notice
    const outside = loadersOfPdf.filter((f) => f !== WORKER && (!worker.has(f) || app.has(f))).map(rel);
    expect(outside).toEqual([]);
  });
});
