// Every page form field is capped before any handler (and any regular expression) sees it: the longest
// text a form takes is 5,000 characters (claims, opinions, session notes), so 10,000 leaves room and a
// 60 KB field of spaces never reaches a pattern.
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DomainError } from '../../common/errors.js';
import type { FormFields } from './form-body.js';

const FORM_FIELD_MAX_CHARS = 10_000;

class FormFieldTooLongError extends DomainError {
  readonly status = 413;
  constructor(field: string) {
    super(
      'FORM_FIELD_TOO_LONG',
      `“${field.slice(0, 40)}”一栏的内容过长（最多 ${FORM_FIELD_MAX_CHARS} 个字），请删减后重新提交。`,
      {
        field: field.slice(0, 40),
        maxChars: FORM_FIELD_MAX_CHARS,
      },
    );
  }
}

/** The first field (name or value) longer than the cap, if any. */
function overlongField(fields: FormFields | undefined): string | undefined {
  if (!fields || typeof fields !== 'object') return undefined;
  for (const [name, value] of Object.entries(fields)) {
    if (name.length > FORM_FIELD_MAX_CHARS) return name;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'string' && item.length > FORM_FIELD_MAX_CHARS) return name;
    }
  }
  return undefined;
}

/** On the page controllers (WebPages): a form with an overlong field is refused (413) before the handler. */
@Injectable()
export class FormLimitsGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const body = context.switchToHttp().getRequest<FastifyRequest>().body as FormFields | undefined;
    const field = overlongField(body);
    if (field !== undefined) throw new FormFieldTooLongError(field);
    return true;
  }
}
