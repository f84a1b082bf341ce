import { actorWith as actor } from '../../../test/support/actors.js';
import { backLinkFor } from './back-link.js';

const HOST = 'court.example:8080';

describe('返回 on a case page', () => {
  it('goes back to the list the person came from, with its filters', () => {
    expect(backLinkFor(actor('CLERK'), '/cases/1', `http://${HOST}/cases?status=REFERRED&q=%E7%8E%8B`, HOST)).toEqual({
      href: '/cases?status=REFERRED&q=%E7%8E%8B',
      label: '返回案件列表',
    });
    expect(backLinkFor(actor('COORDINATOR'), '/cases/1', `http://${HOST}/warnings`, HOST).label).toBe('返回期限预警');
    expect(backLinkFor(actor('MEDIATOR'), '/cases/1', `http://${HOST}/notifications?show=all`, HOST)).toEqual({
      href: '/notifications?show=all',
      label: '返回提醒',
    });
  });

  it("falls back to the person's own list after a form on the page, from another site, or without a Referer", () => {
    expect(backLinkFor(actor('MEDIATOR'), '/cases/1', `http://${HOST}/cases/1`, HOST).href).toBe('/my-cases');
    expect(backLinkFor(actor('COORDINATOR'), '/cases/1', 'http://elsewhere.example/cases', HOST).href).toBe(
      '/coordination',
    );
    expect(backLinkFor(actor('CLERK'), '/cases/1', undefined, HOST).href).toBe('/cases');
    expect(backLinkFor(actor('JUDGE'), '/cases/1', 'not a url', HOST).href).toBe('/cases');
    expect(backLinkFor(actor('CLERK'), '/cases/1', `http://${HOST}/cases/new`, HOST).href).toBe('/cases');
  });
});
