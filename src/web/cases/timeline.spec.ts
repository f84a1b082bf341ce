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

  it('names who entered a step and the mediator it was recorded for, with the reason given', () => {
    const event = {
      occurredAt: at,
      action: 'MEDIATION_SESSION_RECORDED',
      actorName: '赵协调',
      before: { status: 'IN_MEDIATION' },
      after: { status: 'IN_MEDIATION', recordedFor: { mediatorId: 'm1', name: '钱志愿' } },
    };
    expect(timelineEntry(event).who).toBe('赵协调（代调解员钱志愿录入）');
    const withReason = { ...event, after: { ...event.after, onBehalfReason: '调解员住院' } };
    expect(timelineEntry(withReason).who).toBe('赵协调（代调解员钱志愿录入：调解员住院）');
  });
});
