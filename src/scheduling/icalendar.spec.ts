import { calendarDocument, escapeText, foldLine, utcStamp } from './icalendar.js';

describe('iCalendar lines', () => {
  it('escapes text values', () => {
    expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });

  it('folds at 75 octets without splitting a Chinese character', () => {
    const line = `SUMMARY:${'调解'.repeat(40)}`;
    const folded = foldLine(line).split('\r\n');
    expect(folded.length).toBeGreaterThan(1);
    for (const part of folded) expect(Buffer.byteLength(part, 'utf8')).toBeLessThanOrEqual(75);
    expect(folded.slice(1).every((part) => part.startsWith(' '))).toBe(true);
    expect(folded.map((part, i) => (i === 0 ? part : part.slice(1))).join('')).toBe(line);
  });

  it('leaves a short line alone and writes UTC stamps', () => {
    expect(foldLine('VERSION:2.0')).toBe('VERSION:2.0');
    expect(utcStamp(new Date('2026-09-10T01:30:00.000Z'))).toBe('20260910T013000Z');
  });

  it('writes a calendar with CRLF line ends', () => {
    const at = new Date('2026-09-10T01:30:00Z');
    const doc = calendarDocument(
      '我的调解日程',
      [{ uid: 'x@y', startsAt: at, endsAt: at, summary: 's', sequence: 0, status: 'CONFIRMED', updatedAt: at }],
      at,
    );
    expect(doc.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true);
    expect(doc.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(doc.split('\r\n').filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
  });
});
