// The administrator types a year's schedule as published (国务院办公厅放假通知): dates or ranges separated
// by spaces, commas or new lines, e.g. `2027-01-01~2027-01-03, 2027-02-06 至 2027-02-12`.
import { addDays, isIsoDate } from '../../common/china-time.js';

/** Ranges longer than this are a typing mistake, not a holiday. */
const MAX_RANGE_DAYS = 31;

export function parseDateList(text: string): { dates: string[]; unreadable: string[] } {
  const dates: string[] = [];
  const unreadable: string[] = [];
  for (const token of dateTokens(text)) {
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

/**
 * The entries of the list, a range with spaces around its separator (`2027-05-01 至 2027-05-02`) as one.
 * Written without a pattern like `\s*至\s*`, which backtracks quadratically over a long run of spaces.
 */
function dateTokens(text: string): string[] {
  const words = text
    .replace(/[～至到]/g, '~')
    .split(/[\s,，、;；]+/)
    .filter(Boolean);
  const tokens: string[] = [];
  for (const word of words) {
    const last = tokens.length - 1;
    if (last >= 0 && (tokens[last].endsWith('~') || word.startsWith('~'))) tokens[last] += word;
    else tokens.push(word);
  }
  return tokens;
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
