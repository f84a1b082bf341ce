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
 * Checks that say, for a DTO class, whether an instance is certainly valid: true only where class-validator
 * (with this pipe's options: whitelist, forbidNonWhitelisted) would find nothing; false whenever in doubt, and
 * class-validator then runs and words the errors as always. For the hot routes' DTOs (bench/README.md:
 * class-validator was 5-7% of a registration's CPU); `registerCertainlyValid` beside each DTO.
 */
const certainlyValid = new Map<abstract new () => object, (dto: object) => boolean>();

export function registerCertainlyValid<T extends object>(dto: abstract new () => T, check: (dto: T) => boolean): void {
  certainlyValid.set(dto, check as (dto: object) => boolean);
}

/** Whether a DTO has no own properties but these (class-validator's whitelist looks at Object.keys). */
export function onlyKeys(dto: object, allowed: ReadonlySet<string>): boolean {
  for (const key of Object.keys(dto)) if (!allowed.has(key)) return false;
  return true;
}

/** Characters that make validator.js's length differ from the string's (surrogate pairs, variation selectors). */
const UNEVEN_LENGTH = /[\uD800-\uDFFF]|\uFE0E|\uFE0F/;

/** class-validator's Length/MaxLength (and IsString) where the length is plain; false where in doubt. */
export function plainLengthWithin(value: unknown, min: number, max: number): boolean {
  if (typeof value !== 'string' || value.length > max) return false;
  return min === 0 || (value.length >= min && !UNEVEN_LENGTH.test(value));
}

/** IsOptional's "missing". */
export const isNil = (value: unknown): value is null | undefined => value === null || value === undefined;

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

  protected override validate(object: object, options?: Parameters<ValidationPipe['validate']>[1]) {
    const check = certainlyValid.get(object.constructor as abstract new () => object);
    if (check?.(object)) return [];
    return super.validate(object, options);
  }
}

function isPrimitiveType(type: unknown): boolean {
  return [String, Number, Boolean, Array, Object].includes(type as never);
}
