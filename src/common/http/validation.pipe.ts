import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ValidationFailedError, type FieldError } from '../errors.js';

const HAS_CJK = /[\u4e00-\u9fff]/;

// Chinese wording for class-validator's built-in constraints.
const CONSTRAINT_MESSAGES: Record<string, string> = {
  whitelistValidation: '不允许的字段',
  isDefined: '不能为空',
  isNotEmpty: '不能为空',
  isString: '应为文本',
  isInt: '应为整数',
  isNumber: '应为数字',
  isBoolean: '应为是或否（true/false）',
  isArray: '应为列表',
  isObject: '应为对象',
  isUuid: '编号格式不正确',
  isIn: '取值不在允许范围内',
  isEnum: '取值不在允许范围内',
  isDateString: '日期请写作 2026-01-31 的形式',
  isIso8601: '日期请写作 2026-01-31 的形式',
  length: '长度不符合要求',
  maxLength: '过长',
  minLength: '过短',
  min: '过小',
  max: '过大',
  arrayMinSize: '条目过少',
  arrayMaxSize: '条目过多',
  arrayNotEmpty: '不能为空',
  matches: '格式不正确',
  nestedValidation: '格式不正确',
};

/**
 * class-validator's nested errors as our field list (`parties[1].phone`), Chinese messages. Every message starts
 * with its field's path, so it stands alone in JSON; the DTOs' own messages say only the rule.
 */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = !parent
      ? error.property
      : /^\d+$/.test(error.property)
        ? `${parent}[${error.property}]`
        : `${parent}.${error.property}`;
    const own = Object.entries(error.constraints ?? {}).map(([constraint, text]) => ({
      field,
      code: constraint.toUpperCase() === constraint ? constraint : toUpperSnake(constraint),
      message: `${field}：${HAS_CJK.test(text) ? text : (CONSTRAINT_MESSAGES[constraint] ?? '格式不正确')}`,
    }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

function toUpperSnake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();
}

/**
 * Whitelisting validation that answers in our error shape, and refuses a body
 * that is not a JSON object before class-transformer sees it.
 */
export class AppValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      validationError: { target: false, value: false },
      exceptionFactory: (errors) => new ValidationFailedError(flattenValidationErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const isDto = typeof metadata.metatype === 'function' && !isPrimitiveType(metadata.metatype);
    if (metadata.type === 'body' && isDto && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw ValidationFailedError.field('body', 'BODY_NOT_OBJECT', '请求体应为 JSON 对象');
    }
    return super.transform(value, metadata);
  }
}

function isPrimitiveType(type: unknown): boolean {
  return [String, Number, Boolean, Array, Object].includes(type as never);
}
