// Domain errors carry a stable upper-snake code and a Chinese message for people.
// They are mapped to HTTP in one place (http-exception.filter.ts); domain code
// never throws HttpException.

export interface FieldError {
  field: string;
  code: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly status: number;
  constructor(
    readonly code: string,
    message: string,
    readonly details?: FieldError[] | Record<string, unknown>,
  ) {
    super(message);
  }
}

/** 400: the request is malformed or a field is invalid. */
export class ValidationFailedError extends DomainError {
  readonly status = 400;
  constructor(details: FieldError[], message = '提交的内容有误，请按提示修改后重试') {
    super('VALIDATION_FAILED', message, details);
  }
  static field(field: string, code: string, message: string): ValidationFailedError {
    return new ValidationFailedError([{ field, code, message }]);
  }
}

/** 404: missing, or outside what the caller may see (never reveal which). */
export class NotFoundError extends DomainError {
  readonly status = 404;
  constructor(code: string, message: string) {
    super(code, message);
  }
}

/** 403: the caller's role does not allow this. */
export class ForbiddenError extends DomainError {
  readonly status = 403;
  constructor(code = 'FORBIDDEN', message = '您的角色无权执行此操作') {
    super(code, message);
  }
}

/** 409: the request conflicts with the current state. */
export class ConflictError extends DomainError {
  readonly status = 409;
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}

/** 409 STALE_VERSION: optimistic lock lost. */
export class StaleVersionError extends ConflictError {
  constructor(expected?: number, actual?: number) {
    super('STALE_VERSION', '该记录已被他人修改，请刷新后重试', { expectedVersion: expected, currentVersion: actual });
  }
}

/** 422: well-formed, but a business rule refuses it. */
export class RuleViolationError extends DomainError {
  readonly status = 422;
  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(code, message, details);
  }
}

/** 401: not logged in or bad credentials. */
export class UnauthenticatedError extends DomainError {
  readonly status = 401;
  constructor(code = 'UNAUTHENTICATED', message = '请先登录') {
    super(code, message);
  }
}
