// Calendar dates in this domain are China dates (UTC+8, no daylight saving).

const CHINA_OFFSET_MS = 8 * 3600 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The China calendar date (YYYY-MM-DD) of an instant. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** What a date in the wrong form is told: the form itself, by example (one message everywhere a date is read). */
export const DATE_FORM_PROBLEM = '应为真实日期，写作 2026-12-05 的形式（年-月-日）';

/** Whether `value` is a real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Day of week, 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(isoDate: string): number {
  return new Date(`${isoDate}T00:00:00Z`).getUTCDay();
}

export function yearOf(isoDate: string): number {
  return Number(isoDate.slice(0, 4));
}

/** Calendar days from `from` to `to` (to - from). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The instant at which a China date begins (00:00 +08:00). */
export function chinaDayStart(isoDate: string): Date {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) - CHINA_OFFSET_MS);
}

/** [start, end) instants of a China month given as YYYY-MM. */
export function chinaMonthRange(month: string): { start: Date; end: Date } {
  const [y, m] = month.split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return { start: chinaDayStart(`${month}-01`), end: chinaDayStart(`${next}-01`) };
}

/** The China wall-clock time of an instant, to the minute: `2026-09-17 10:30`. */
export function chinaDateTime(instant: Date): string {
  return new Date(instant.getTime() + CHINA_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}
