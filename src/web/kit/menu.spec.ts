import type { Actor } from '../../common/actor.js';
import type { Role } from '../../common/role.js';
import { menuFor } from './menu.js';

const actor = (...roles: Role[]): Actor => ({
  userId: 'u',
  username: 'u',
  displayName: 'U',
  courtId: 'c',
  divisionId: null,
  roles,
});

describe('role-aware menu', () => {
  it('shows only the pages the roles may use', () => {
    expect(menuFor(actor('CLERK'), '/').map((m) => m.href)).toEqual([
      '/',
      '/cases/new',
      '/cases/batches',
      '/cases/imports',
      '/cases',
      '/warnings',
      '/fees',
    ]);
    expect(menuFor(actor('ENFORCEMENT'), '/').map((m) => m.href)).toEqual(['/', '/consultations/inbox']);
    expect(menuFor(actor('JUDGE'), '/').map((m) => m.href)).toEqual(['/', '/cases', '/consultations/outbox', '/fees']);
    expect(menuFor(actor('ADMIN'), '/').map((m) => m.href)).toEqual([
      '/',
      '/cases',
      '/admin/court',
      '/admin/users',
      '/admin/calendar',
      '/roster',
      '/warnings',
      '/admin/notice-rules',
      '/admin/subsidy-rates',
      '/statistics',
    ]);
    expect(menuFor(actor('COORDINATOR'), '/').map((m) => m.href)).toEqual([
      '/',
      '/cases',
      '/consultations/outbox',
      '/coordination',
      '/roster',
      '/warnings',
      '/statistics',
    ]);
    expect(menuFor(undefined, '/')).toEqual([]);
  });

  it('marks the most specific entry as current', () => {
    const current = (path: string) => menuFor(actor('CLERK'), path).find((m) => m.current)?.href;
    expect(current('/cases/new')).toBe('/cases/new');
    expect(current('/cases/3f2a')).toBe('/cases');
    expect(current('/cases/batches')).toBe('/cases/batches');
    expect(current('/')).toBe('/');
    expect(current('/login')).toBeUndefined();
  });

  it('gives a user who is only a mediator one case list, 我的案件', () => {
    expect(menuFor(actor('MEDIATOR'), '/').map((m) => [m.label, m.href])).toEqual([
      ['首页', '/'],
      ['我的案件', '/my-cases'],
    ]);
    expect(menuFor(actor('MEDIATOR', 'COORDINATOR'), '/').map((m) => m.label)).toContain('案件列表');
  });
});
