// Every HTTP route with the roles its handler declares, read from the handlers'
// metadata. The access-control matrix (docs/access-matrix.md) and its test are
// generated from this, so the table can never drift from the code.
import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { ROLES, type Role } from '../common/role.js';
import { PUBLIC_KEY, ROLES_KEY } from './decorators.js';

export interface RouteAccess {
  method: string;
  path: string;
  /** 'PUBLIC' for routes without login; otherwise the roles allowed (empty: closed to everyone). */
  access: 'PUBLIC' | Role[];
  handler: string;
}

function joinPath(...parts: (string | undefined)[]): string {
  const joined = parts
    .filter((p): p is string => !!p && p !== '/')
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}

export function routeInventory(app: INestApplication): RouteAccess[] {
  const routes: RouteAccess[] = [];
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
      if (!controller) continue;
      const prefixes = [Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined].flat();
      const classPublic = Reflect.getMetadata(PUBLIC_KEY, controller) === true;
      const classRoles = Reflect.getMetadata(ROLES_KEY, controller) as Role[] | undefined;
      for (const name of Object.getOwnPropertyNames(controller.prototype)) {
        const handler = (controller.prototype as Record<string, unknown>)[name];
        if (name === 'constructor' || typeof handler !== 'function') continue;
        const paths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
        const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
        if (paths === undefined || method === undefined) continue;
        const isPublic = classPublic || Reflect.getMetadata(PUBLIC_KEY, handler) === true;
        const roles = (Reflect.getMetadata(ROLES_KEY, handler) as Role[] | undefined) ?? classRoles ?? [];
        for (const prefix of prefixes) {
          for (const path of [paths].flat()) {
            routes.push({
              method: RequestMethod[method],
              path: joinPath(prefix, path),
              access: isPublic ? 'PUBLIC' : [...roles].sort((a, b) => ROLES.indexOf(a) - ROLES.indexOf(b)),
              handler: `${controller.name}.${name}`,
            });
          }
        }
      }
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** The matrix as a Markdown table: one row per route, one column per role. */
export function accessMatrixMarkdown(routes: RouteAccess[]): string {
  const header = `| method | path | ${ROLES.join(' | ')} |`;
  const rule = `|---|---|${ROLES.map(() => ':-:').join('|')}|`;
  const rows = routes.map((r) => {
    const cells = ROLES.map((role) => (r.access === 'PUBLIC' ? 'public' : r.access.includes(role) ? '✓' : '—'));
    return `| ${r.method} | \`${r.path}\` | ${cells.join(' | ')} |`;
  });
  return [
    '# Access-control matrix',
    '',
    "Generated from the handlers' `@Roles` / `@Public` metadata by `npm run access-matrix`; the test",
    '`test/e2e/access-matrix.e2e.spec.ts` fails when this file is out of date and calls every route as every role.',
    "On top of the role check, every row is scoped to the caller's court, and mediators see only their own cases",
    "(another court's or another mediator's record answers 404).",
    '',
    header,
    rule,
    ...rows,
    '',
  ].join('\n');
}
