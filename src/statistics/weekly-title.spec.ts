import { isoWeekPeriod } from './statistics-period.js';
import { weekTitle } from './weekly-title.js';

describe('the week in words', () => {
  it.each([
    ['2026-W50', '2026年第50周，12月7日至13日'],
    ['2026-W44', '2026年第44周，10月26日至11月1日'],
    ['2026-W53', '2026年第53周，12月28日至2027年1月3日'],
    ['2027-W01', '2027年第1周，1月4日至10日'],
    ['2026-W01', '2026年第1周，2025年12月29日至2026年1月4日'],
  ])('names %s as %s', (week, title) => {
    expect(weekTitle(isoWeekPeriod(week)!)).toBe(title);
  });
});
