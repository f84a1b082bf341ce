import { DEFAULT_SCHEDULING_SETTINGS, parseSchedulingSettings } from './scheduling-config.js';
import { sessionTimeProblems, sessionTimes, videoUrlProblem } from './scheduled-session-rules.js';

const now = new Date('2026-09-01T02:00:00Z');
const codes = (startsAt: string, endsAt?: string) =>
  sessionTimeProblems(
    sessionTimes(startsAt, endsAt, DEFAULT_SCHEDULING_SETTINGS),
    now,
    DEFAULT_SCHEDULING_SETTINGS,
  ).map((p) => `${p.field}:${p.code}`);

describe('a scheduled session’s time', () => {
  it('takes a future time inside 08:30–18:00 China time, an hour by default', () => {
    expect(codes('2026-09-03T08:30:00+08:00')).toEqual([]);
    expect(codes('2026-09-03T17:00:00+08:00', '2026-09-03T18:00:00+08:00')).toEqual([]);
    expect(sessionTimes('2026-09-03T09:00:00+08:00', undefined, DEFAULT_SCHEDULING_SETTINGS).endsAt.toISOString()).toBe(
      '2026-09-03T02:00:00.000Z',
    );
  });

  it('refuses the past, the hours outside, and an end before the start', () => {
    expect(codes('2026-09-01T09:59:00+08:00')).toEqual(['startsAt:SESSION_IN_PAST']);
    expect(codes('2026-09-03T08:29:00+08:00')).toEqual(['startsAt:OUTSIDE_WORKING_HOURS']);
    expect(codes('2026-09-03T18:00:00+08:00')).toEqual(['startsAt:OUTSIDE_WORKING_HOURS']);
    expect(codes('2026-09-03T17:30:00+08:00')).toEqual(['endsAt:OUTSIDE_WORKING_HOURS']);
    expect(codes('2026-09-03T10:00:00+08:00', '2026-09-04T10:00:00+08:00')).toEqual(['endsAt:OUTSIDE_WORKING_HOURS']);
    expect(codes('2026-09-03T10:00:00+08:00', '2026-09-03T09:00:00+08:00')).toEqual([
      'endsAt:SESSION_ENDS_BEFORE_START',
    ]);
  });

  it('takes a video link over https only', () => {
    expect(videoUrlProblem('https://meeting.example.cn/j/1')).toBeNull();
    expect(videoUrlProblem('http://meeting.example.cn/j/1')?.code).toBe('VIDEO_URL_NOT_HTTPS');
    expect(videoUrlProblem('javascript:alert(1)')?.code).toBe('VIDEO_URL_NOT_HTTPS');
    expect(videoUrlProblem('会议室')?.code).toBe('VIDEO_URL_NOT_HTTPS');
    expect(videoUrlProblem(undefined)).toBeNull();
  });

  it('reads its settings, refusing hours that end before they start', () => {
    expect(parseSchedulingSettings({ workingHoursFrom: '09:00' })).toMatchObject({ workingHoursFrom: '09:00' });
    expect(() => parseSchedulingSettings({ workingHoursFrom: '19:00' })).toThrow('workingHoursTo');
    expect(() => parseSchedulingSettings({ workingHoursFrom: '9:00' })).toThrow('workingHoursFrom');
  });
});
