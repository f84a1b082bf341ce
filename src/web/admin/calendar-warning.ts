// The reminder that next year's holiday schedule is missing (from November on), with how many of the court's
// dates are provisional (暂定) until it is entered: on the administrator's home page and the warnings page.
import type { CalendarService } from '../../calendar/calendar.service.js';

type CalendarStatus = Awaited<ReturnType<CalendarService['status']>>;

export function calendarWarning(status: CalendarStatus): string | null {
  const cases = status.provisional.cases ?? 0;
  const letters = status.provisional.consultationLetters ?? 0;
  const fees = status.provisional.feeNotices ?? 0;
  if (!status.remind && cases === 0 && letters === 0 && fees === 0) return null;
  const feeDates = fees > 0 ? `、${fees} 件待交费案件的交费期限` : '';
  const pending = `本院目前有 ${cases} 件案件的调解期限、${letters} 份咨询函的答复期限${feeDates}为暂定（按仅周末休息计算），录入后自动重新计算并通知承办人。`;
  if (!status.remind) return `有期间跨入尚未录入节假日安排的年份。${pending}`;
  return `${status.nextYear}年的法定节假日安排尚未录入。国务院公布后请系统管理员及时录入。${pending}`;
}
