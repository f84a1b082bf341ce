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

  it('shows what a correction changed, before and after, with its reason', () => {
    expect(
      timelineEntry({
        occurredAt: at,
        action: 'REGISTRATION_CORRECTED',
        actorName: '王立案',
        before: { status: 'REGISTERED', partyId: 'p', name: '张三', role: 'DEFENDANT' },
        after: {
          status: 'REGISTERED',
          partyName: '张叁',
          corrected: { name: '张叁', role: 'PLAINTIFF' },
          reason: '录错',
        },
      }).detail,
    ).toBe('张叁：姓名或名称 张三 → 张叁；诉讼地位 被申请人（被告） → 申请人（原告）（理由：录错）');
  });

  it('shows an outcome correction in yuan and in words, long texts by their length', () => {
    const entry = (before: Record<string, unknown>, corrected: Record<string, unknown>) =>
      timelineEntry({
        occurredAt: at,
        action: 'MEDIATION_OUTCOME_CORRECTED',
        actorName: '钱调解',
        before: { status: 'SETTLED', ...before },
        after: { status: 'SETTLED', corrected, reason: '录错' },
      });
    expect(
      entry(
        { amountFen: '800000', settlementMethod: 'VOLUNTARY_PERFORMANCE', agreement: '一、付款。' },
        { amountFen: '900000', settlementMethod: 'JUDICIAL_CONFIRMATION', agreement: '一、付款九千元。' },
      ),
    ).toMatchObject({
      what: '更正调解结果',
      detail: '协议金额（元） 8000.00 → 9000.00；结案方式 自动履行 → 申请司法确认；调解协议 5 字 → 8 字（理由：录错）',
    });
    expect(entry({ failureReason: 'NO_AGREEMENT' }, { failureReason: 'OTHER' }).detail).toBe(
      '调解不成原因 双方未能达成一致 → 其他原因（理由：录错）',
    );
  });

  it('shows an answer’s channel and a session’s mode and participants in words, long notes by their length', () => {
    expect(
      timelineEntry({
        occurredAt: at,
        action: 'PARTY_ANSWER_CORRECTED',
        actorName: '王立案',
        before: { status: 'NOTICE_ISSUED', channel: 'WINDOW' },
        after: { status: 'NOTICE_ISSUED', partyName: '张三', corrected: { channel: 'PAPER' }, reason: '书面意见' },
      }),
    ).toMatchObject({ what: '更正当事人意见', detail: '张三：答复方式 窗口 → 书面（理由：书面意见）' });
    const long = '调'.repeat(61);
    expect(
      timelineEntry({
        occurredAt: at,
        action: 'MEDIATION_SESSION_CORRECTED',
        actorName: '钱调解',
        before: { status: 'IN_MEDIATION', mode: 'PHONE', participants: ['张三'], notes: '电话联系' },
        after: {
          status: 'IN_MEDIATION',
          corrected: { mode: 'IN_PERSON', participants: ['张三', '李四'], notes: long },
          reason: '录错',
        },
      }).detail,
    ).toBe('调解方式 电话联系 → 当面调解；参加人员 张三 → 张三、李四；调解情况 电话联系 → 61 字（理由：录错）');
  });

  it('names the electronic file made ready with a transfer', () => {
    expect(
      timelineEntry({
        occurredAt: at,
        action: 'CASE_FILE_PACKAGE_READY',
        actorName: '王立案',
        before: { status: 'TRANSFERRED' },
        after: { status: 'TRANSFERRED', fileName: '电子卷宗（2026）京0105民初1号.zip', attachments: [{}, {}] },
      }),
    ).toEqual({
      at,
      who: '王立案',
      what: '随案生成电子卷宗',
      detail: '电子卷宗（2026）京0105民初1号.zip（本案文书及 2 份材料）',
    });
  });
});
