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

  it('writes consecutive dates back as ranges', () => {
    expect(formatDateList(['2027-01-03', '2027-01-01', '2027-01-02', '2027-02-14'])).toBe(
      '2027-01-01~2027-01-03\n2027-02-14',
    );
    expect(parseDateList(formatDateList(['2027-01-01', '2027-01-02'])).dates).toEqual(['2027-01-01', '2027-01-02']);
  });
});
