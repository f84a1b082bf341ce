// Rules a roster entry must meet beyond its shape. Pure; every problem names its field.
import type { FieldError } from '../common/errors.js';

interface MediatorRuleInput {
  specialties: readonly string[];
  regions: readonly string[];
  activeFrom: string;
  activeUntil: string | null;
}

export function mediatorInputProblems(input: MediatorRuleInput, caseTypes: readonly string[]): FieldError[] {
  const errors: FieldError[] = [];
  input.specialties.forEach((specialty, i) => {
    const field = `specialties[${i}]`;
    if (!caseTypes.includes(specialty)) {
      errors.push({
        field,
        code: 'CASE_TYPE_UNKNOWN',
        message: `${field}：案由“${specialty.slice(0, 30)}”不在本院案由列表中`,
      });
    } else if (input.specialties.indexOf(specialty) !== i) {
      errors.push({ field, code: 'DUPLICATED', message: `${field}：案由“${specialty}”重复` });
    }
  });
  input.regions.forEach((region, i) => {
    const field = `regions[${i}]`;
    if (!region.trim()) {
      errors.push({ field, code: 'REQUIRED', message: `${field}：服务区域不能为空白` });
    } else if (input.regions.findIndex((r) => r.trim() === region.trim()) !== i) {
      errors.push({ field, code: 'DUPLICATED', message: `${field}：服务区域“${region.trim()}”重复` });
    }
  });
  if (input.activeUntil !== null && input.activeUntil < input.activeFrom) {
    errors.push({
      field: 'activeUntil',
      code: 'BEFORE_ACTIVE_FROM',
      message: `activeUntil：聘任届满日不能早于起始日 ${input.activeFrom}`,
    });
  }
  return errors;
}
