// The rules of a scheduled session's time and link, without a database: in the future, inside the court's
// working hours (China time, on one day), ending after it starts, a video link only over https.
import type { FieldError } from '../common/errors.js';
import { chinaDate, chinaDateTime } from '../common/china-time.js';
import type { SchedulingSettings } from './scheduling-config.js';

/** `HH:MM` of an instant in China time. */
export const chinaTimeOfDay = (instant: Date): string => chinaDateTime(instant).slice(11, 16);

export interface SessionTimes {
  startsAt: Date;
  endsAt: Date;
}

/** The session's end: as given, or the default length after the start. */
export function sessionTimes(startsAt: string, endsAt: string | undefined, settings: SchedulingSettings): SessionTimes {
  const start = new Date(startsAt);
  const end = endsAt ? new Date(endsAt) : new Date(start.getTime() + settings.defaultSessionMinutes * 60_000);
  return { startsAt: start, endsAt: end };
}

/** What is wrong with the times (empty when they may be scheduled). */
export function sessionTimeProblems(
  times: SessionTimes,
  now: Date,
  settings: SchedulingSettings,
  fields = { start: 'startsAt', end: 'endsAt' },
): FieldError[] {
  const { startsAt, endsAt } = times;
  if (startsAt.getTime() <= now.getTime()) {
    return [{ field: fields.start, code: 'SESSION_IN_PAST', message: '开始时间已过，请选择今后的时间' }];
  }
  if (endsAt.getTime() <= startsAt.getTime()) {
    return [{ field: fields.end, code: 'SESSION_ENDS_BEFORE_START', message: '结束时间应晚于开始时间' }];
  }
  const hours = `${settings.workingHoursFrom}–${settings.workingHoursTo}`;
  const outside = (field: string) => ({
    field,
    code: 'OUTSIDE_WORKING_HOURS',
    message: `应在本院工作时间（北京时间 ${hours}）内`,
  });
  const start = chinaTimeOfDay(startsAt);
  if (start < settings.workingHoursFrom || start >= settings.workingHoursTo) return [outside(fields.start)];
  if (chinaDate(endsAt) !== chinaDate(startsAt) || chinaTimeOfDay(endsAt) > settings.workingHoursTo) {
    return [outside(fields.end)];
  }
  return [];
}

/** A video link the parties can open safely: https only. */
export function videoUrlProblem(url: string | undefined | null, field = 'videoUrl'): FieldError | null {
  if (url === undefined || url === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { field, code: 'VIDEO_URL_NOT_HTTPS', message: '应为 https:// 开头的视频会议链接' };
  }
  if (parsed.protocol !== 'https:' || !parsed.hostname) {
    return { field, code: 'VIDEO_URL_NOT_HTTPS', message: '应为 https:// 开头的视频会议链接' };
  }
  return null;
}
