import { ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { isIsoDate } from '../china-time.js';

@ValidatorConstraint({ name: 'isoDate' })
export class IsoDate implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isIsoDate(value);
  }
  defaultMessage(): string {
    return '应为真实日期，格式 YYYY-MM-DD';
  }
}
