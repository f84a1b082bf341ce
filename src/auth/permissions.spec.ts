// One permissions table (issue 34): every route handler says who may call it by a permission of the table, the case
// steps it takes (@Step), or as open (@Public, @PartyOnly, @AnyRole); and every permission of the table is named
// somewhere. Read from the source, so the unit tier needs neither a build nor a database.
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { PROJECT_ROOT } from '../config/project-root.js';
import { sourceFiles } from '../../test/support/source-tree.js';
import { Permission, PERMISSION_KEY, ROLES_KEY } from './decorators.js';
import { PERMISSION_NAMES, PERMISSIONS } from './permissions.js';

const SRC = path.join(PROJECT_ROOT, 'src');
const ROUTE_DECORATORS = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete', 'All', 'Head', 'Options']);
const ACCESS_DECORATORS = new Set(['Permission', 'Step', 'AnyRole', 'Public', 'PartyOnly']);

function decoratorNames(node: ts.Node): string[] {
  return (ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : []).flatMap((d) =>
    ts.isCallExpression(d.expression) && ts.isIdentifier(d.expression.expression) ? [d.expression.expression.text] : [],
  );
}

/** `file: Class.method` for every route handler of the file, with the access decorators on it and its class. */
function routeHandlers(file: string, text: string): { handler: string; access: string[] }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: { handler: string; access: string[] }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isClassDeclaration(node)) {
      const classAccess = decoratorNames(node).filter((n) => ACCESS_DECORATORS.has(n));
      for (const member of node.members) {
        const names = decoratorNames(member);
        if (!ts.isMethodDeclaration(member) || !names.some((n) => ROUTE_DECORATORS.has(n))) continue;
        found.push({
          handler: `${path.relative(PROJECT_ROOT, file)}: ${node.name?.text}.${member.name.getText(source)}`,
          access: [...classAccess, ...names.filter((n) => ACCESS_DECORATORS.has(n))],
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every string literal of the file. */
function stringLiterals(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node)) found.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('the permissions table', () => {
  const files = sourceFiles(SRC).map((file) => ({ file, text: readFileSync(file, 'utf8') }));

  it('every route handler names a permission, the case steps it takes, or that it is open', () => {
    const handlers = files.flatMap(({ file, text }) => routeHandlers(file, text));
    // The scan finds the handlers (a broken scan would pass with none).
    expect(handlers.length).toBeGreaterThan(250);
    expect(handlers.filter((h) => h.access.length !== 1)).toEqual([]);
  });

  it('every permission is named by a handler, the menu or a service', () => {
    const named = new Set(
      files
        .filter(({ file }) => file !== path.join(SRC, 'auth', 'permissions.ts'))
        .flatMap(({ file, text }) => stringLiterals(file, text)),
    );
    expect(PERMISSION_NAMES.filter((name) => !named.has(name))).toEqual([]);
  });

  it('the scan sees a handler without an access decorator, and one with two', () => {
    const text = `@Controller('x') class X {
      @Get() open() {}
      @Permission('cases.read') @AnyRole() @Post() twice() {}
      @Step('fileSuit') @Post('f') step() {}
    }`;
    expect(routeHandlers(path.join(SRC, 'x.ts'), text).map((h) => h.access)).toEqual([
      [],
      ['Permission', 'AnyRole'],
      ['Step'],
    ]);
  });

  it('@Permission sets the roles the guard reads, and records the permission', () => {
    class Handlers {
      @Permission('casefile.attach')
      attach() {}
    }
    const { attach } = Handlers.prototype;
    expect(Reflect.getMetadata(ROLES_KEY, attach)).toEqual([...PERMISSIONS['casefile.attach']]);
    expect(Reflect.getMetadata(PERMISSION_KEY, attach)).toBe('casefile.attach');
  });

  it('the page that reveals a phone and the API that reveals personal data name one permission', () => {
    const permissionOf = (file: string, route: string) => {
      const text = readFileSync(path.join(SRC, file), 'utf8');
      const at = text.indexOf(route);
      return /@Permission\('([\w.]+)'\)/.exec(text.slice(text.lastIndexOf('@Permission(', at), at))?.[1];
    };
    expect(permissionOf('web/cases/case-document-pages.controller.ts', "@Post(':id/parties/:partyId/phone')")).toBe(
      'personalData.reveal',
    );
    expect(permissionOf('intake/intake.controller.ts', "@Get(':id/parties/:partyId/personal-data')")).toBe(
      'personalData.reveal',
    );
  });
});
