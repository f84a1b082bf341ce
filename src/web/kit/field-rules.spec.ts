import fc from 'fast-check';
import { parseYuan } from '../../common/money.js';
import {
  creditCodeCheckChar,
  creditCodeProblem,
  mobileProblem,
  phoneProblem,
  residentIdCheckDigit,
  residentIdProblem,
} from '../../common/validators/identity.js';
import * as client from '../assets/field-rules.js';

// The browser's copy of the rules must say exactly what the server says.
describe('field rules in the browser = the server rules', () => {
  const digits = (n: number) => fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
  const birth = fc.date({ min: new Date('1890-01-01'), max: new Date('2030-12-31'), noInvalidDate: true });

  it('resident ID: random text, and numbers with right and wrong check digits and birth dates', () => {
    const idLike = fc
      .tuple(digits(6), birth, digits(3), fc.boolean(), fc.constantFrom(...'0123456789X'))
      .map(([area, date, seq, right, other]) => {
        const first17 = `${area}${date.toISOString().slice(0, 10).replace(/-/g, '')}${seq}`;
        return first17 + (right ? residentIdCheckDigit(first17) : other);
      });
    fc.assert(
      fc.property(fc.oneof(idLike, fc.string({ maxLength: 20 })), (value) => {
        expect(client.residentIdProblem(value)).toBe(residentIdProblem(value));
      }),
    );
  });

  it('credit code: random text, and codes with right and wrong check characters', () => {
    const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    const codeLike = fc
      .tuple(
        fc.string({ unit: fc.constantFrom(...chars), minLength: 2, maxLength: 2 }),
        digits(6),
        fc.string({ unit: fc.constantFrom(...chars), minLength: 9, maxLength: 9 }),
        fc.boolean(),
        fc.constantFrom(...chars),
      )
      .map(([head, area, body, right, other]) => {
        const first17 = head + area + body;
        return first17 + (right ? creditCodeCheckChar(first17) : other);
      });
    fc.assert(
      fc.property(fc.oneof(codeLike, fc.string({ maxLength: 20 })), (value) => {
        expect(client.creditCodeProblem(value)).toBe(creditCodeProblem(value));
      }),
    );
  });

  it('mobile numbers', () => {
    fc.assert(
      fc.property(fc.oneof(digits(11), fc.string({ maxLength: 12 })), (value) => {
        expect(client.mobileProblem(value)).toBe(mobileProblem(value));
      }),
    );
  });

  it('telephone numbers', () => {
    const landline = fc
      .tuple(fc.constantFrom('010-', '0571-', '021', '0'), digits(8), fc.constantFrom('', '-123', '转12', '转'))
      .map(([a, b, c]) => a + b + c);
    fc.assert(
      fc.property(fc.oneof(digits(11), landline, fc.string({ maxLength: 20 })), (value) => {
        expect(client.phoneProblem(value)).toBe(phoneProblem(value));
      }),
    );
  });

  it('amounts: the problems parseYuan reports for typed text', () => {
    const amountLike = fc.oneof(
      fc.tuple(fc.nat(), fc.nat({ max: 999 })).map(([whole, cents]) => `${whole}.${cents}`),
      fc.string({ unit: fc.constantFrom(...'0123456789.- '), maxLength: 20 }),
      fc.constant('100000000000.01'),
    );
    fc.assert(
      fc.property(amountLike, (value) => {
        const server = parseYuan(value);
        expect(client.amountProblem(value)).toBe('problem' in server ? server.problem : null);
      }),
    );
  });

  it('reads identity numbers upper-cased, as the form sends them', () => {
    const id = '11010519900101001' + residentIdCheckDigit('11010519900101001');
    expect(client.RULES['resident-id'](` ${id.toLowerCase()} `)).toBeNull();
  });
});
