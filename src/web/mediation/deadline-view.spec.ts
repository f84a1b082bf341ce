import { deadlineView } from './deadline-view.js';

describe('deadline as shown on the pages', () => {
  it('counts China calendar days to the last day of the period', () => {
    expect(deadlineView('2026-10-08', '2026-09-20', 5)).toEqual({
      date: '2026-10-08',
      daysLeft: 18,
      level: 'ok',
      text: '还剩 18 天',
    });
  });

  it('warns within the warning window, the window included', () => {
    expect(deadlineView('2026-10-08', '2026-10-03', 5).level).toBe('soon');
    expect(deadlineView('2026-10-08', '2026-10-02', 5).level).toBe('ok');
  });

  it('says so on the last day, and counts the days past it', () => {
    expect(deadlineView('2026-10-08', '2026-10-08', 5)).toMatchObject({ level: 'today', text: '今天届满' });
    expect(deadlineView('2026-10-08', '2026-10-10', 5)).toMatchObject({
      daysLeft: -2,
      level: 'overdue',
      text: '已超期 2 天',
    });
  });
});
