import { rulingParty, rulingText } from './judicial-ruling-text.js';

describe('the 民事裁定书 of a 司法确认', () => {
  const parties = [
    { name: '张三', legalRepresentative: null, address: '北京市朝阳区建国路1号' },
    { name: '北京某某科技有限公司', legalRepresentative: '李四', address: null },
  ];

  it('confirms the agreement as reached, names who mediated it and says it can be enforced', () => {
    const text = rulingText({
      decision: 'CONFIRMED',
      parties,
      agreedOn: '2026-09-08',
      organizationName: '朝阳区人民调解委员会',
    });
    expect(text.ruling).toBe(
      '申请人张三与北京某某科技有限公司于2026年9月8日经朝阳区人民调解委员会主持调解达成的调解协议有效。',
    );
    expect(text.reasoning).toContain('第二百零五条、第二百零六条');
    expect(text.after).toContain('可以向人民法院申请强制执行');
  });

  it('rejects the application and says what the parties may do instead (no enforcement)', () => {
    const text = rulingText({ decision: 'REJECTED', parties, agreedOn: '2026-09-08', organizationName: null });
    expect(text.ruling).toBe('驳回申请人张三与北京某某科技有限公司的司法确认申请。');
    expect(text.after).toContain('提起诉讼');
    expect(text.after).not.toContain('强制执行');
  });

  it('names an organization with its legal representative and a person without one', () => {
    const base = { name: '甲', legalRepresentative: '乙', address: '某地' };
    expect(rulingParty({ ...base, kind: 'ORGANIZATION' }).legalRepresentative).toBe('乙');
    expect(rulingParty({ ...base, kind: 'PERSON' }).legalRepresentative).toBeNull();
  });
});
