import { timelineEntry } from './timeline.js';

describe('case timeline entries', () => {
  const at = new Date('2026-11-20T06:00:00Z');

  it('names known actions in Chinese with the status change', () => {
    expect(
      timelineEntry({
        occurredAt: at,
        action: 'CASE_REGISTERED',
        actorName: '王立案',
        before: null,
        after: { status: 'REGISTERED' },
      }),
    ).toEqual({ at, who: '王立案', what: '立案登记', statusChange: '已登记' });
  });

  it('shows unknown actions as recorded, and the system as the actor of unattended steps', () => {
    expect(
      timelineEntry({
        occurredAt: at,
        action: 'SOMETHING_NEW',
        actorName: null,
        before: { status: 'REGISTERED' },
        after: { status: 'NOTICE_ISSUED' },
      }),
    ).toEqual({ at, who: '系统', what: 'SOMETHING_NEW', statusChange: '已登记 → 已发告知书' });
  });
});
