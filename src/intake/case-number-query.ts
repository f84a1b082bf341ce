// The worklist search by case number (案号): a whole number as printed, `(2026)京0105民初1号`, or its type and
// sequence as people say it, `民初1`, `诉前调123`, `告字第5号`, optionally with the year (`2026民初1`).
import { normalizeCaseNumber } from '../cases/case-number.js';

/** The numbers the worklist finds a case by: its notice (告字), its mediation number and its filing number. */
type NumberKind = '民诉前调' | '民初' | '诉调告字';

export type CaseNumberQuery =
  | { kind: 'whole'; type: NumberKind; number: string }
  | { kind: 'sequence'; type: NumberKind; sequence: number; year: number | null };

const WHOLE = /^\((\d{4})\)\S+?(民诉前调|民初|诉调告字第)(\d{1,9})号$/;
const SEQUENCE = /^(?:(\d{4})年?)?(民诉前调|诉前调|民初|诉调告字|告字)第?(\d{1,9})号?$/;

const TYPES: Record<string, NumberKind> = {
  民诉前调: '民诉前调',
  诉前调: '民诉前调',
  民初: '民初',
  诉调告字: '诉调告字',
  告字: '诉调告字',
};

/** The query as a case number, or null when it is something else (a party's name). */
export function parseCaseNumberQuery(q: string): CaseNumberQuery | null {
  // Full-width brackets, digits and spaces are how numbers are often typed in Chinese; stored numbers are half-width.
  const text = normalizeCaseNumber(q);
  const whole = WHOLE.exec(text);
  if (whole) return { kind: 'whole', type: TYPES[whole[2].replace(/第$/, '')], number: text };
  const m = SEQUENCE.exec(text);
  if (!m) return null;
  return { kind: 'sequence', type: TYPES[m[2]], sequence: Number(m[3]), year: m[1] ? Number(m[1]) : null };
}
