// How a mediation deadline reads on a page: the days left as a China date difference, and how urgent it is
// (past the deadline, its last day, within the warning window of config/mediation.json, or in good time).
import { daysBetween } from '../../common/china-time.js';

type DeadlineLevel = 'overdue' | 'today' | 'soon' | 'ok';

export interface DeadlineView {
  /** The last day of the period (期限届满日). */
  date: string;
  daysLeft: number;
  level: DeadlineLevel;
  /** `还剩 3 天`, `今天届满`, `已超期 2 天`. */
  text: string;
}

export function deadlineView(deadline: string, today: string, warningDaysBefore: number): DeadlineView {
  const daysLeft = daysBetween(today, deadline);
  if (daysLeft < 0) return { date: deadline, daysLeft, level: 'overdue', text: `已超期 ${-daysLeft} 天` };
  if (daysLeft === 0) return { date: deadline, daysLeft, level: 'today', text: '今天届满' };
  return {
    date: deadline,
    daysLeft,
    level: daysLeft <= warningDaysBefore ? 'soon' : 'ok',
    text: `还剩 ${daysLeft} 天`,
  };
}
