import { actorWith as actor } from '../../../test/support/actors.js';
import type { Role } from '../../common/role.js';
import { menuFor } from './menu.js';

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
      '/admin/personal-data-reads',
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

  it('lists the upward statistics pages only where the court has them', () => {
    const hrefs = (roles: Role[], place?: { intermediate: boolean; hasParent: boolean }) =>
      menuFor(actor(...roles), '/', place)
        .map((m) => m.href)
        .filter((href) => href.startsWith('/statistics'));
    const upward = ['/statistics/rollup', '/statistics/ranking', '/statistics/monitoring'];
    // An intermediate court (no court above): 辖区汇总, 赛马比拼, 监测考评.
    expect(hrefs(['STATISTICIAN'], { intermediate: true, hasParent: false })).toEqual(['/statistics', ...upward]);
    // A basic court under an intermediate court: what went up and its own place.
    expect(hrefs(['STATISTICIAN'], { intermediate: false, hasParent: true })).toEqual([
      '/statistics',
      '/statistics/submissions',
    ]);
    // A court alone, or a request for which the place was not read: the month and quarter only.
    expect(hrefs(['STATISTICIAN'], { intermediate: false, hasParent: false })).toEqual(['/statistics']);
    expect(hrefs(['STATISTICIAN'])).toEqual(['/statistics']);
    // The coordinator reads the figures but not the courts below.
    expect(hrefs(['COORDINATOR'], { intermediate: true, hasParent: true })).toEqual([
      '/statistics',
      '/statistics/submissions',
    ]);
    const current = menuFor(actor('STATISTICIAN'), '/statistics/ranking', { intermediate: true, hasParent: false });
    expect(current.filter((m) => m.current).map((m) => m.href)).toEqual(['/statistics/ranking']);
  });
});
