import { formatDateList, parseDateList } from './calendar-form.js';

describe('holiday lists typed by the administrator', () => {
  it('reads dates and ranges separated by spaces, commas and new lines', () => {
    expect(parseDateList('2027-01-01~2027-01-03，2027-05-01 至 2027-05-02\n2027-10-01').dates).toEqual([
      '2027-01-01',
      '2027-01-02',
      '2027-01-03',
      '2027-05-01',
      '2027-05-02',
      '2027-10-01',
    ]);
  });

  it('names what it cannot read: impossible dates, reversed or overlong ranges', () => {
    const { unreadable } = parseDateList('2027-02-30 2027-03-05~2027-03-01 2027-01-01~2027-03-01 tomorrow');
    expect(unreadable).toEqual(['2027-02-30', '2027-03-05~2027-03-01', '2027-01-01~2027-03-01', 'tomorrow']);
  });

  it('reads a long run of spaces in linear time (a 60 KB field once took 14 s)', () => {
    const spaces = ' '.repeat(200_000);
    const started = process.hrtime.bigint();
    expect(parseDateList(`2027-01-01${spaces}x${spaces}至${spaces}2027-01-02`).unreadable).toEqual(['x~2027-01-02']);
    // A quadratic pattern takes minutes on this input; linear work is milliseconds. The bound is generous.
    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(5);
  });

  it('writes consecutive dates back as ranges', () => {
    expect(formatDateList(['2027-01-03', '2027-01-01', '2027-01-02', '2027-02-14'])).toBe(
      '2027-01-01~2027-01-03\n2027-02-14',
    );
    expect(parseDateList(formatDateList(['2027-01-01', '2027-01-02'])).dates).toEqual(['2027-01-01', '2027-01-02']);
  });
});
