// What an administrator's entry of one year's schedule must satisfy (国务院办公厅放假通知):
// every date in that year, a make-up working day (调休上班) on a Saturday or Sunday, no day both.
import { dayOfWeek } from '../common/china-time.js';
import type { FieldError } from '../common/errors.js';

const WEEKDAY_NAMES = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/** The problems of a year's entry, each naming the date; empty when it is fine. */
export function yearEntryProblems(year: number, holidays: string[], makeupWorkdays: string[]): FieldError[] {
  const problems: FieldError[] = [];
  const outside = (field: string, dates: string[]) => {
    const wrong = dates.filter((d) => !d.startsWith(`${year}-`));
    if (wrong.length > 0) {
      problems.push({ field, code: 'DATE_OUTSIDE_YEAR', message: `日期不属于${year}年：${wrong.join('、')}` });
    }
  };
  outside('holidays', holidays);
  outside('makeupWorkdays', makeupWorkdays);
  const weekdays = makeupWorkdays.filter((d) => d.startsWith(`${year}-`) && dayOfWeek(d) !== 0 && dayOfWeek(d) !== 6);
  if (weekdays.length > 0) {
    problems.push({
      field: 'makeupWorkdays',
      code: 'MAKEUP_NOT_WEEKEND',
      message: `调休上班日应为星期六或星期日：${weekdays.map((d) => `${d}（${WEEKDAY_NAMES[dayOfWeek(d)]}）`).join('、')}`,
    });
  }
  const holidaySet = new Set(holidays);
  const both = [...new Set(makeupWorkdays.filter((d) => holidaySet.has(d)))];
  if (both.length > 0) {
    problems.push({
      field: 'makeupWorkdays',
      code: 'DATE_BOTH_HOLIDAY_AND_MAKEUP',
      message: `同一日期不能既是节假日又是调休上班日：${both.join('、')}`,
    });
  }
  return problems;
}
