// Every HTTP route with the roles its handler declares, read from the handlers'
// metadata. The access-control matrix (docs/access-matrix.md), the route list
// (docs/routes.md) and their tests are generated from this, so the tables can
// never drift from the code.
import { RequestMethod, type INestApplication } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, RENDER_METADATA } from '@nestjs/common/constants.js';
import { ModulesContainer } from '@nestjs/core';
import { ROLES, type Role } from '../common/role.js';
import { PARTY_KEY } from '../common/http/route-access.js';
import { PERMISSION_KEY, PUBLIC_KEY, ROLES_KEY } from './decorators.js';
import { PERMISSION_NAMES, PERMISSIONS, type PermissionName } from './permissions.js';

export interface RouteAccess {
  method: string;
  path: string;
  /** 'PUBLIC' for routes without login; otherwise the roles allowed (empty: closed to everyone). */
  access: 'PUBLIC' | Role[];
  /** A party's route: public for staff, open only to a party token. */
  party?: true;
  /** The permission the handler names (src/auth/permissions.ts), when it names one. */
  permission?: PermissionName;
  handler: string;
  /** The API document's summary of the route, or the template a page renders. */
  summary: string;
}

/** Where @nestjs/swagger's @ApiOperation keeps its options (its constants are not exported). */
const API_OPERATION_KEY = 'swagger/apiOperation';

function summaryOf(handler: object): string {
  const operation = Reflect.getMetadata(API_OPERATION_KEY, handler) as { summary?: string } | undefined;
  if (operation?.summary) return operation.summary;
  const template = Reflect.getMetadata(RENDER_METADATA, handler) as string | undefined;
  return template ? `page \`${template}\`` : '';
}

function joinPath(...parts: (string | undefined)[]): string {
  const joined = parts
    .filter((p): p is string => !!p && p !== '/')
    .map((p) => p.replace(/^\/+|\/+$/g, ''))
    .filter(Boolean)
    .join('/');
  return `/${joined}`;
}

function permissionOf(handler: object): { permission?: PermissionName } {
  const permission = Reflect.getMetadata(PERMISSION_KEY, handler) as PermissionName | undefined;
  return permission ? { permission } : {};
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
              ...(Reflect.getMetadata(PARTY_KEY, handler) === true ? { party: true as const } : {}),
              ...permissionOf(handler),
              handler: `${controller.name}.${name}`,
              summary: summaryOf(handler),
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
    const publicCell = r.party ? 'party' : 'public';
    const cells = ROLES.map((role) => (r.access === 'PUBLIC' ? publicCell : r.access.includes(role) ? '✓' : '—'));
    return `| ${r.method} | \`${r.path}\` | ${cells.join(' | ')} |`;
  });
  return [
    '# Access-control matrix',
    '',
    "Generated from the handlers' `@Roles` / `@Public` metadata by `npm run access-matrix`; the test",
    '`test/e2e/access-matrix.e2e.spec.ts` fails when this file is out of date and calls every route as every role.',
    "On top of the role check, every row is scoped to the caller's court, and mediators see only their own cases",
    "(another court's or another mediator's record answers 404). `party`: a party's own route, for a party token",
    '(当事人, after the identity check) only; every staff token answers 401 there.',
    '',
    header,
    rule,
    ...rows,
    '',
  ].join('\n');
}

function rolesCell(route: RouteAccess): string {
  if (route.party) return 'party token (当事人)';
  if (route.access === 'PUBLIC') return 'public';
  if (route.access.length === ROLES.length) return 'any logged-in user';
  return route.access.join(', ');
}

/** Every route with its roles and what it does, the API's and the pages' in two tables. */
export function routesMarkdown(routes: RouteAccess[]): string {
  const table = (rows: RouteAccess[]) => [
    '| method | path | roles | what |',
    '|---|---|---|---|',
    ...rows.map((r) => `| ${r.method} | \`${r.path}\` | ${rolesCell(r)} | ${r.summary.replace(/\|/g, '\\|') || '—'} |`),
  ];
  const isApi = (r: RouteAccess) => r.path.startsWith('/api/') || r.path.startsWith('/health') || r.path === '/metrics';
  return [
    '# Routes',
    '',
    "Generated from the handlers' metadata (`@Roles` / `@Public`, the API document's summaries, the pages'",
    'templates) by `npm run docs:routes`; `test/e2e/access-matrix.e2e.spec.ts` fails when this file is out of date.',
    "On top of the roles, every route is scoped to the caller's court, and a mediator sees only their own cases.",
    'The same roles by column: [access-matrix.md](access-matrix.md).',
    '',
    '## API and operations',
    '',
    ...table(routes.filter(isApi)),
    '',
    '## Pages',
    '',
    ...table(routes.filter((r) => !isApi(r))),
    '',
  ].join('\n');
}

/** Each permission of the table with its roles and the routes that name it, API and pages alike. */
export function permissionsMarkdown(routes: RouteAccess[]): string {
  const rows = PERMISSION_NAMES.map((name) => {
    const named = routes.filter((r) => r.permission === name).map((r) => `${r.method} \`${r.path}\``);
    return `| \`${name}\` | ${PERMISSIONS[name].join(', ')} | ${named.join('<br>') || '— (checked in services only)'} |`;
  });
  return [
    '# Permissions',
    '',
    "Generated from `src/auth/permissions.ts` and the handlers' `@Permission` metadata by `npm run docs:routes`;",
    '`test/e2e/access-matrix.e2e.spec.ts` fails when this file is out of date. The routes that take a case step',
    "are not here: their roles are the transition table's (`@Step`, src/cases/case-step-route.ts). What each",
    'permission means is said beside it in the table.',
    '',
    '| permission | roles | routes |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
