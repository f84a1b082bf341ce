import { ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { DATE_FORM_PROBLEM, isIsoDate } from '../china-time.js';

@ValidatorConstraint({ name: 'isoDate' })
export class IsoDate implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return isIsoDate(value);
  }
  defaultMessage(): string {
    return DATE_FORM_PROBLEM;
  }
}
