// The administrator types a year's schedule as published (国务院办公厅放假通知): dates or ranges separated
// by spaces, commas or new lines, e.g. `2027-01-01~2027-01-03, 2027-02-06 至 2027-02-12`.
import { addDays, isIsoDate } from '../common/china-time.js';

/** Ranges longer than this are a typing mistake, not a holiday. */
const MAX_RANGE_DAYS = 31;

export function parseDateList(text: string): { dates: string[]; unreadable: string[] } {
  const dates: string[] = [];
  const unreadable: string[] = [];
  const tokens = text
    .replace(/\s*(?:~|～|至|到)\s*/g, '~')
    .split(/[\s,，、;；]+/)
    .filter(Boolean);
  for (const token of tokens) {
    const [from, to, ...rest] = token.split('~');
    if (rest.length > 0 || !isIsoDate(from) || (to !== undefined && !isIsoDate(to))) {
      unreadable.push(token);
      continue;
    }
    const range = to === undefined ? [from] : expandRange(from, to);
    if (range) dates.push(...range);
    else unreadable.push(token);
  }
  return { dates: [...new Set(dates)].sort(), unreadable };
}

function expandRange(from: string, to: string): string[] | null {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    days.push(day);
    if (days.length > MAX_RANGE_DAYS) return null;
  }
  return days.length > 0 ? days : null;
}

/** Consecutive dates shown back as ranges, one per line. */
export function formatDateList(dates: readonly string[]): string {
  const sorted = [...dates].sort();
  const lines: string[] = [];
  let start: string | undefined;
  let end: string | undefined;
  for (const day of sorted) {
    if (end && addDays(end, 1) === day) {
      end = day;
      continue;
    }
    if (start) lines.push(start === end ? start : `${start}~${end}`);
    start = end = day;
  }
  if (start) lines.push(start === end ? start : `${start}~${end}`);
  return lines.join('\n');
}
